package staff

// Unit is a handling unit: a department or an office.
type Unit struct {
	Code string
	Name string
}

// Units is the list of handling units accounts and tokens belong to, in
// display order.
type Units []Unit

// Has reports whether code is a known unit.
func (u Units) Has(code string) bool {
	for _, x := range u {
		if x.Code == code {
			return true
		}
	}
	return false
}

// Name returns the unit's Chinese name, or the code when unknown.
func (u Units) Name(code string) string {
	for _, x := range u {
		if x.Code == code {
			return x.Name
		}
	}
	return code
}

// DefaultUnits are the 15 department codes of the classifier's labelling
// guide and the four offices. The jobs package's configs/units.yaml is the
// operator's list once it exists; this is the built-in fallback.
func DefaultUnits() Units {
	return Units{
		{"market", "市场监督管理局"},
		{"environment", "生态环境局"},
		{"housing", "住房和城乡建设局"},
		{"urban", "城市管理局"},
		{"hrss", "人力资源和社会保障局"},
		{"transport", "交通运输局"},
		{"police", "公安局"},
		{"education", "教育局"},
		{"health", "卫生健康委员会"},
		{"natural_resources", "自然资源和规划局"},
		{"civil_affairs", "民政局"},
		{"agriculture", "农业农村局"},
		{"business_env", "营商环境办公室"},
		{"gov_service", "政务服务和大数据管理局"},
		{"judicial", "政法机关"},
		{"reconsideration_office", "行政复议办公室"},
		{"mediation_committee", "人民调解委员会"},
		{"oversight", "督查室"},
		{"call_centre", "回访中心"},
	}
}
