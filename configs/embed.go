// Package configs holds petitiond's configuration: the typed Config struct,
// its loader (configs/petitiond.yaml plus PETITIOND_* environment overrides),
// and the default data files the city may edit (holidays, deadline rules,
// texts), embedded so the binary answers the same from any directory.
package configs

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml holidays/*.yaml
var embedded embed.FS

// Defaults returns the shipped configuration files.
func Defaults() fs.FS { return embedded }

// Holidays returns the shipped holiday arrangements (one YYYY.yaml a year).
func Holidays() fs.FS {
	sub, err := fs.Sub(embedded, "holidays")
	if err != nil {
		panic("configs: embedded holidays missing: " + err.Error())
	}
	return sub
}
