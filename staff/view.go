package staff

import (
	"petitiond/cases"
)

// Personal-data fields of a case that can be revealed.
const (
	FieldName     = "name"
	FieldPhone    = "phone"
	FieldIDNumber = "id_number"
	FieldAddress  = "address"
)

// Fields lists the revealable fields in display order.
var Fields = []string{FieldName, FieldPhone, FieldIDNumber, FieldAddress}

// FieldLabel names a field in Chinese.
func FieldLabel(f string) string {
	switch f {
	case FieldName:
		return "姓名"
	case FieldPhone:
		return "联系电话"
	case FieldIDNumber:
		return "身份证号"
	case FieldAddress:
		return "住址"
	}
	return f
}

// Confidential is what a hidden identity shows.
const Confidential = "保密"

// Identity is the reporter's personal data as one principal may see it: each
// field masked, or "保密" on a confidential case, never the raw value.
type Identity struct {
	Hidden    bool // confidential: nothing is shown and nothing can be revealed
	Anonymous bool
	Name      string
	Phone     string
	IDNumber  string
	Address   string
}

// Get returns the shown value of a field.
func (i Identity) Get(field string) string {
	switch field {
	case FieldName:
		return i.Name
	case FieldPhone:
		return i.Phone
	case FieldIDNumber:
		return i.IDNumber
	case FieldAddress:
		return i.Address
	}
	return ""
}

// CaseView is a case as a principal may see it. The submitter's personal
// data is replaced by Identity; the case's own Submitter is emptied so that
// nothing downstream (a template, a JSON encoder, a CSV row) can leak it.
type CaseView struct {
	cases.Case
	Identity Identity
	// CanReveal is set when the principal may reveal (with an audit record)
	// the fields that have a value.
	CanReveal bool
}

// View returns c as p may see it. c itself is not changed.
func View(p Principal, c *cases.Case) CaseView {
	v := CaseView{Case: *c}
	v.Submitter = cases.Submitter{}
	v.Identity.Anonymous = c.Anonymous
	if !p.SeesIdentity(c) {
		v.Identity = Identity{Hidden: true, Anonymous: c.Anonymous, Name: Confidential, Phone: Confidential, IDNumber: Confidential, Address: Confidential}
		return v
	}
	s := c.Submitter
	v.Identity.Name = MaskName(s.Name)
	v.Identity.Phone = MaskPhone(s.Phone)
	v.Identity.IDNumber = MaskIDNumber(s.IDNumber)
	v.Identity.Address = MaskAddress(s.Address)
	v.CanReveal = p.Can(PermReveal) && (s.Name != "" || s.Phone != "" || s.IDNumber != "" || s.Address != "")
	return v
}

func rawField(s cases.Submitter, field string) (string, bool) {
	switch field {
	case FieldName:
		return s.Name, true
	case FieldPhone:
		return s.Phone, true
	case FieldIDNumber:
		return s.IDNumber, true
	case FieldAddress:
		return s.Address, true
	}
	return "", false
}
