package cases

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a person may submit.
const (
	MaxTextRunes       = 20000
	MaxImages          = 9
	MaxAttachments     = 20
	MaxNameRunes       = 50
	MaxAddressRunes    = 200
	MaxCompanyRunes    = 100
	MaxNoteRunes       = 5000
	MaxIdempotencyKey  = 128
	maxReasonRunes     = 2000
	maxExtensionRunway = 365
)

// Storable reports whether s can be kept as text by every store: valid
// UTF-8 without NUL. PostgreSQL refuses both (SQLite would keep them), so
// they must be turned away as bad input before a transaction fails on them.
func Storable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// checkStorable is Storable as the validation error of field.
func checkStorable(field string, ss ...string) error {
	for _, s := range ss {
		if !Storable(s) {
			return invalid(field, "内容包含无法识别的字符")
		}
	}
	return nil
}

// ValidCoordinates reports whether lat and lng name a point on Earth. NaN
// compares false with every bound, so a range check alone lets it through
// (and no JSON answer could then show the case).
func ValidCoordinates(lat, lng float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lng) && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180
}

// ValidAttachmentRef reports whether ref can name an attachment (an upload
// id or a WeChat media id). Transports check it when the attachment
// arrives: refused only at submission, it would leave a draft that can
// never be submitted.
func ValidAttachmentRef(ref string) bool {
	return ref != "" && len(ref) <= 256 && strings.IndexFunc(ref, unicode.IsSpace) < 0 && Storable(ref)
}

func validateText(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", invalid(field, "请填写内容")
	}
	if err := checkStorable(field, s); err != nil {
		return "", err
	}
	if utf8.RuneCountInString(s) > max {
		return "", invalid(field, "内容过长")
	}
	return s, nil
}

// ValidPhone accepts a mainland mobile number (11 digits starting with 1) or
// a landline with area code (0 + 9 to 11 digits), dashes and spaces removed.
func ValidPhone(s string) bool {
	s = strings.NewReplacer("-", "", " ", "").Replace(s)
	if strings.HasPrefix(s, "+86") {
		s = s[3:]
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	switch {
	case len(s) == 11 && s[0] == '1':
		return true
	case len(s) >= 10 && len(s) <= 12 && s[0] == '0':
		return true
	}
	return false
}

// ValidIDNumber checks an 18-character resident ID number (GB 11643-1999):
// ISO 7064 MOD 11-2 check character over the first 17 digits.
func ValidIDNumber(s string) bool {
	s = strings.ToUpper(s)
	if len(s) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		sum += int(s[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11] == s[17]
}

func validateSubmission(r *SubmitRequest) error {
	switch r.Kind {
	case KindComplaint, KindPetition, KindBusiness:
	default:
		return invalid("kind", "请选择事项类型：投诉、信访诉求或营商环境反映")
	}
	switch r.Source {
	case SourceBot, SourceMiniProgram, SourceAPI:
	default:
		return invalid("source", "unknown source")
	}
	text, err := validateText("text", r.Text, MaxTextRunes)
	if err != nil {
		return err
	}
	r.Text = text
	if r.Source != SourceAPI && r.Submitter.OpenID == "" {
		return invalid("openid", "missing submitter")
	}
	if len(r.IdempotencyKey) > MaxIdempotencyKey {
		return invalid("idempotency_key", "too long")
	}
	if err := checkStorable("idempotency_key", r.IdempotencyKey); err != nil {
		return err
	}
	s := &r.Submitter
	for _, f := range [][2]string{{"name", s.Name}, {"phone", s.Phone}, {"id_number", s.IDNumber}, {"address", s.Address},
		{"company_name", r.Company.Name}, {"credit_code", r.Company.CreditCode}, {"barrier_category", r.Company.BarrierCategory}} {
		if err := checkStorable(f[0], f[1]); err != nil {
			return err
		}
	}
	s.Name = strings.TrimSpace(s.Name)
	if utf8.RuneCountInString(s.Name) > MaxNameRunes {
		return invalid("name", "姓名过长")
	}
	if s.Phone != "" {
		if !ValidPhone(s.Phone) {
			return invalid("phone", "请填写正确的手机号或固定电话")
		}
		s.Phone = strings.NewReplacer("-", "", " ", "").Replace(s.Phone)
	}
	if s.IDNumber != "" {
		s.IDNumber = strings.ToUpper(strings.TrimSpace(s.IDNumber))
		if !ValidIDNumber(s.IDNumber) {
			return invalid("id_number", "身份证号码有误，请核对")
		}
	}
	if utf8.RuneCountInString(s.Address) > MaxAddressRunes {
		return invalid("address", "地址过长")
	}
	if r.Kind == KindBusiness {
		r.Company.Name = strings.TrimSpace(r.Company.Name)
		if r.Company.Name == "" {
			return invalid("company_name", "请填写企业名称")
		}
		if utf8.RuneCountInString(r.Company.Name) > MaxCompanyRunes {
			return invalid("company_name", "企业名称过长")
		}
		r.Company.CreditCode = NormalizeCreditCode(r.Company.CreditCode)
		if !ValidCreditCode(r.Company.CreditCode) {
			return invalid("credit_code", "统一社会信用代码有误（应为18位，最后一位为校验码），请核对后重新输入")
		}
	} else if r.Company.CreditCode != "" {
		r.Company.CreditCode = NormalizeCreditCode(r.Company.CreditCode)
		if !ValidCreditCode(r.Company.CreditCode) {
			return invalid("credit_code", "统一社会信用代码有误，请核对")
		}
	}
	if l := r.Location; l != nil {
		if !ValidCoordinates(l.Lat, l.Lng) {
			return invalid("location", "位置坐标无效")
		}
		if utf8.RuneCountInString(l.Address) > MaxAddressRunes {
			return invalid("location", "地址过长")
		}
		if err := checkStorable("location", l.Address); err != nil {
			return err
		}
	}
	return validateAttachments(r.Attachments, nil)
}

func validateAttachments(as []Attachment, existing []Attachment) error {
	if len(as)+len(existing) > MaxAttachments {
		return invalid("attachments", "附件过多")
	}
	images := 0
	for _, a := range existing {
		if a.Kind == "image" {
			images++
		}
	}
	for _, a := range as {
		switch a.Kind {
		case "image":
			images++
		case "voice", "video", "file":
		default:
			return invalid("attachments", "附件类型无效")
		}
		if !ValidAttachmentRef(a.Ref) {
			return invalid("attachments", "附件编号无效")
		}
		if a.Origin != "" && a.Origin != OriginWeChat {
			return invalid("attachments", "附件来源无效")
		}
	}
	if images > MaxImages {
		return invalid("attachments", "每件事项最多上传9张图片")
	}
	return nil
}
