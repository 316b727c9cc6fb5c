package cases

// Label is the channel in Chinese, for staff and citizens.
func (c Channel) Label() string {
	switch c {
	case ChannelLitigation:
		return "诉讼"
	case ChannelReconsideration:
		return "行政复议"
	case ChannelMediation:
		return "调解"
	case ChannelPetition:
		return "信访"
	}
	return string(c)
}

// Label is the kind in Chinese.
func (k Kind) Label() string {
	switch k {
	case KindComplaint:
		return "投诉"
	case KindPetition:
		return "信访诉求"
	case KindBusiness:
		return "营商环境"
	}
	return string(k)
}
