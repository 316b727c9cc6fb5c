package configs

import "io/fs"

func readAll(f fs.FS, name string) ([]byte, error) { return fs.ReadFile(f, name) }
