package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"petitiond/configs"
)

// loadConfig reads --config (default $PETITIOND_CONFIG, else the optional
// configs/petitiond.yaml) and the environment.
func loadConfig(fs *flag.FlagSet, args []string) (configs.Config, error) {
	def, optional := os.Getenv("PETITIOND_CONFIG"), false
	if def == "" {
		def, optional = "configs/petitiond.yaml", true
	}
	path := fs.String("config", def, "configuration file")
	if err := fs.Parse(args); err != nil {
		return configs.Config{}, errUsage
	}
	if *path != def {
		optional = false
	}
	return configs.Load(*path, optional, os.Getenv)
}

func newLogger(cfg configs.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintf(stderr, "usage: petitiond %s [flags]\n", name); fs.PrintDefaults() }
	return fs
}
