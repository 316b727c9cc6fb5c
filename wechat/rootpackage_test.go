package wechat

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
)

// silenceper's root package must never be linked: its init turns logrus to
// debug on stdout, and its message server then logs decrypted messages.
func TestSilenceperRootPackageIsNotLinked(t *testing.T) {
	if logrus.GetLevel() == logrus.DebugLevel {
		t.Fatal("logrus is at debug level: github.com/silenceper/wechat/v2 was linked in")
	}
}

// The same rule across the whole module, so a package written later cannot
// import it either.
func TestNoPackageImportsSilenceperRoot(t *testing.T) {
	const root = "github.com/silenceper/wechat/v2"
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == root {
				t.Errorf("%s imports %s; use officialaccount.NewOfficialAccount / miniprogram.NewMiniProgram", path, root)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
