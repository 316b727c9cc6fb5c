package cases_test

import (
	"io/fs"

	"petitiond/configs"
)

func fsRead(name string) ([]byte, error) { return fs.ReadFile(configs.Defaults(), name) }
