package workbench

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// csvSafe stops a cell from being read as a formula by a spreadsheet
// (CSV injection): a leading = + - @ or control character gets a quote.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// sendCSV writes rows as a UTF-8 CSV with a byte-order mark, so that Excel
// opens the Chinese text correctly.
func sendCSV(c *fiber.Ctx, name string, header []string, rows [][]string, now time.Time) error {
	var buf bytes.Buffer
	buf.WriteString("\xEF\xBB\xBF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(header)
	for _, r := range rows {
		for i := range r {
			r[i] = csvSafe(r[i])
		}
		_ = w.Write(r)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+"-"+now.Format("20060102-1504")+`.csv"`)
	return c.Send(buf.Bytes())
}
