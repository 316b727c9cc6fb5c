package api

// Describe returns the status, code and message an error maps to, for
// transports that answer in HTML (the staff workbench) rather than JSON:
// they show the same words the JSON API would.
func Describe(err error) *Error { return mapError(err) }
