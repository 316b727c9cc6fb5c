package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"petitiond/cases"
	"petitiond/configs"
	"petitiond/staff"
)

const userUsage = `usage:
  petitiond user add --username NAME --role ROLE [--department UNIT] [--name 姓名] [--password-stdin]
  petitiond user token --department UNIT --name NAME

Roles: handler, dept_admin (both need --department), oversight, caller, admin.
Without --password-stdin a password is generated and printed once; the owner
must change it at first sign-in. A token is printed once; only its SHA-256 is kept.
`

// runUser manages staff accounts from the command line; the first admin is
// created this way at set-up.
func runUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "token") {
		fmt.Fprint(stderr, userUsage)
		return errUsage
	}
	sub := args[0]
	fs := newFlagSet("user "+sub, stderr)
	username := fs.String("username", "", "sign-in name (lower-case letters, digits, . _ -)")
	role := fs.String("role", "", "handler, dept_admin, oversight, caller or admin")
	unit := fs.String("department", "", "handling unit code (e.g. market, reconsideration_office)")
	name := fs.String("name", "", "display name (add) or token name (token)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	cfg, err := loadConfig(fs, args[1:])
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	if cfg.EmbeddedDatabase() {
		if _, err := st.Migrate(ctx); err != nil {
			return err
		}
	}
	units, err := staffUnits(configs.Files(cfg.ConfigDir))
	if err != nil {
		return err
	}
	accounts, _ := newAccounts(st, units, time.Now)
	if sub == "token" {
		_, secret, err := accounts.IssueToken(ctx, staff.System, *unit, *name, "")
		if err != nil {
			return describeUserErr(err)
		}
		fmt.Fprintf(stdout, "token for %s (%s): %s\n", *unit, *name, secret)
		return nil
	}
	r, err := staff.ParseRole(*role)
	if err != nil {
		return describeUserErr(err)
	}
	password, generated := "", false
	if *fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		password, generated = staff.RandomPassword(), true
	}
	a, err := accounts.Add(ctx, staff.System, staff.NewAccount{Username: *username, Name: *name, Role: r, Unit: *unit,
		Password: password, MustChange: generated}, "")
	if err != nil {
		return describeUserErr(err)
	}
	fmt.Fprintf(stdout, "created %s (%s%s)\n", a.Username, a.Role, unitSuffix(a.Unit))
	if generated {
		fmt.Fprintf(stdout, "initial password (shown once, to be changed at first sign-in): %s\n", password)
	}
	return nil
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return ", " + u
}

// describeUserErr names the wrong flag in a validation error.
func describeUserErr(err error) error {
	v, ok := cases.IsValidation(err)
	if !ok {
		return err
	}
	flag := map[string]string{"username": "--username", "role": "--role", "unit": "--department", "name": "--name"}[v.Field]
	if flag == "" {
		flag = v.Field
	}
	return fmt.Errorf("%s: %s", flag, v.Message)
}
