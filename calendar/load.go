package calendar

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"
)

// yearFile is the shape of configs/holidays/YYYY.yaml.
type yearFile struct {
	Year     int    `yaml:"year"`
	Source   string `yaml:"source"`
	Holidays []struct {
		Name string   `yaml:"name"`
		Off  []string `yaml:"off"`
		Work []string `yaml:"work"`
	} `yaml:"holidays"`
}

var yearFileName = regexp.MustCompile(`^(\d{4})\.ya?ml$`)

// Load reads every YYYY.yaml in each of the given file systems. A later file
// system replaces a year an earlier one defined: the shipped years come first,
// the operator's directory after them, so operators add or correct years
// without a new release.
func Load(sources ...fs.FS) (*Calendar, error) {
	files := map[int][]byte{}
	for _, fsys := range sources {
		if fsys == nil {
			continue
		}
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			return nil, fmt.Errorf("read holiday directory: %w", err)
		}
		for _, e := range entries {
			m := yearFileName.FindStringSubmatch(e.Name())
			if e.IsDir() || m == nil {
				continue
			}
			b, err := fs.ReadFile(fsys, e.Name())
			if err != nil {
				return nil, fmt.Errorf("read holiday file %s: %w", e.Name(), err)
			}
			y, _ := strconv.Atoi(m[1])
			files[y] = b
		}
	}
	years := make([]int, 0, len(files))
	for y := range files {
		years = append(years, y)
	}
	sort.Ints(years)
	c := &Calendar{off: map[Date]string{}, work: map[Date]string{}, years: map[int]string{}}
	for _, y := range years {
		if err := c.addYear(path.Join("holidays", strconv.Itoa(y)+".yaml"), y, files[y]); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *Calendar) addYear(name string, fileYear int, b []byte) error {
	var f yearFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if f.Year != fileYear {
		return fmt.Errorf("%s: year field %d does not match the file name", name, f.Year)
	}
	if f.Source == "" {
		return fmt.Errorf("%s: source is required (the State Council notice)", name)
	}
	for _, h := range f.Holidays {
		for _, s := range h.Off {
			d, err := ParseDate(s)
			if err != nil {
				return fmt.Errorf("%s: %s: off: %w", name, h.Name, err)
			}
			if _, dup := c.work[d]; dup {
				return fmt.Errorf("%s: %s is both a day off and a working day", name, d)
			}
			c.off[d] = h.Name
		}
		for _, s := range h.Work {
			d, err := ParseDate(s)
			if err != nil {
				return fmt.Errorf("%s: %s: work: %w", name, h.Name, err)
			}
			if _, dup := c.off[d]; dup {
				return fmt.Errorf("%s: %s is both a day off and a working day", name, d)
			}
			if wd := d.Weekday(); wd != 6 && wd != 0 {
				return fmt.Errorf("%s: %s: work day %s is not a weekend day", name, h.Name, d)
			}
			c.work[d] = h.Name
		}
	}
	c.years[f.Year] = f.Source
	return nil
}
