package ansinh

import "strings"

// IDReason says why an identifier is invalid (rules.md §12).
type IDReason string

// The reasons an identifier check can give.
const (
	IDValid     IDReason = ""
	IDLength    IDReason = "length"    // wrong number of digits
	IDFormat    IDReason = "format"    // characters other than digits (and the branch hyphen)
	IDComponent IDReason = "component" // a part holds an impossible value
	IDChecksum  IDReason = "checksum"  // the tax code's check digit is wrong
	IDMismatch  IDReason = "mismatch"  // the ID disagrees with the birth date or sex given
)

// MessageVI returns the reason in Vietnamese.
func (r IDReason) MessageVI() string {
	switch r {
	case IDLength:
		return "sai độ dài"
	case IDFormat:
		return "chứa ký tự không phải chữ số"
	case IDComponent:
		return "có thành phần không hợp lệ"
	case IDChecksum:
		return "sai chữ số kiểm tra"
	case IDMismatch:
		return "không khớp với ngày sinh hoặc giới tính"
	}
	return "hợp lệ"
}

// MessageEN returns the reason in English.
func (r IDReason) MessageEN() string {
	switch r {
	case IDLength:
		return "wrong length"
	case IDFormat:
		return "contains characters other than digits"
	case IDComponent:
		return "has an invalid component"
	case IDChecksum:
		return "wrong check digit"
	case IDMismatch:
		return "does not match the birth date or sex"
	}
	return "valid"
}

// birthProvinceCodes are the three-digit province-of-birth codes of the
// personal ID: "0" followed by the GSO code of one of the 63 provinces that
// existed before 2025-07-01 (Circular 07/2016/TT-BCA, appendix; province codes
// from data/units/admin-units-2025-03-01.csv).
var birthProvinceCodes = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27
		30 31 33 34 35 36 37 38 40 42 44 45 46 48 49 51 52 54 56 58 60 62 64 66 67 68
		70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96`) {
		birthProvinceCodes["0"+c] = true
	}
}

// IsBirthProvinceCode reports whether code (three digits) is a province of
// birth a personal ID may start with.
func IsBirthProvinceCode(code string) bool { return birthProvinceCodes[code] }

// CheckPersonID validates a 12-digit personal ID. birth and sex ("male",
// "female") are optional (zero, ""); when given they must agree with the
// century/sex digit and the two birth-year digits. It returns the normalised
// ID (spaces removed) and the reason it is invalid, IDValid when it is not.
func CheckPersonID(id string, birth Date, sex string) (string, IDReason) {
	id = strings.ReplaceAll(strings.TrimSpace(id), " ", "")
	if len(id) != 12 {
		return id, IDLength
	}
	if !allDigits(id) {
		return id, IDFormat
	}
	if !birthProvinceCodes[id[:3]] {
		return id, IDComponent
	}
	cs := int(id[3] - '0')
	if cs > 5 {
		return id, IDComponent
	}
	if birth != 0 {
		century := 1900 + 100*(cs/2)
		year := century + int(id[4]-'0')*10 + int(id[5]-'0')
		if year != birth.Year() {
			return id, IDMismatch
		}
	}
	if sex != "" {
		idSex := "male"
		if cs%2 == 1 {
			idSex = "female"
		}
		if idSex != sex {
			return id, IDMismatch
		}
	}
	return id, IDValid
}

// PersonIDPrefix returns the first six digits of a personal ID for a person
// born in the province-of-birth code prov (three digits) in year with sex
// ("male", "female"); the caller appends a six-digit serial.
func PersonIDPrefix(prov string, year int, sex string) string {
	cs := 2 * ((year - 1900) / 100)
	if sex == "female" {
		cs++
	}
	yy := year % 100
	return prov + string(rune('0'+cs)) + string(rune('0'+yy/10)) + string(rune('0'+yy%10))
}

// taxWeights are the weights of the tax code's check digit (rules.md §12).
var taxWeights = [9]int{31, 29, 23, 19, 17, 13, 7, 5, 3}

// TaxCheckDigit returns the check digit for the first nine digits of a tax
// code, and false when no digit makes a valid code (a remainder of 0).
func TaxCheckDigit(first9 string) (byte, bool) {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += taxWeights[i] * int(first9[i]-'0')
	}
	r := sum % 11
	if r == 0 {
		return 0, false
	}
	return byte('0' + (10-r)%10), true
}

// CheckTaxCode validates an employer tax code: ten digits, or ten digits, a
// hyphen and a three-digit branch number (001–999). Spaces are ignored. It
// returns the normalised code and the reason it is invalid, IDValid when it is
// not.
func CheckTaxCode(code string) (string, IDReason) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	main, branch, hasBranch := strings.Cut(code, "-")
	if len(main) != 10 || (hasBranch && len(branch) != 3) {
		return code, IDLength
	}
	if !allDigits(main) || (hasBranch && !allDigits(branch)) {
		return code, IDFormat
	}
	if main[2:9] == "0000000" || (hasBranch && branch == "000") {
		return code, IDComponent
	}
	check, ok := TaxCheckDigit(main[:9])
	if !ok || check != main[9] {
		return code, IDChecksum
	}
	return code, IDValid
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}
