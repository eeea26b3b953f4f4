package ansinh

import (
	"encoding/json"
	"os"
	"testing"
)

func TestIDVectors(t *testing.T) {
	raw, err := os.ReadFile("testdata/vectors/ids.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Input struct {
			TaxCode   string `json:"tax_code"`
			PersonID  string `json:"person_id"`
			BirthDate string `json:"birth_date"`
			Sex       string `json:"sex"`
		} `json:"input"`
		Expected struct {
			Valid  bool   `json:"valid"`
			Reason string `json:"reason"`
		} `json:"expected"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		var reason IDReason
		name := c.Input.TaxCode
		if c.Input.TaxCode != "" {
			_, reason = CheckTaxCode(c.Input.TaxCode)
		} else {
			name = c.Input.PersonID
			var birth Date
			if c.Input.BirthDate != "" {
				birth = MustParseDate(c.Input.BirthDate)
			}
			_, reason = CheckPersonID(c.Input.PersonID, birth, c.Input.Sex)
		}
		t.Run(name, func(t *testing.T) {
			if (reason == IDValid) != c.Expected.Valid || string(reason) != c.Expected.Reason {
				t.Errorf("got reason %q, want valid=%v reason %q", reason, c.Expected.Valid, c.Expected.Reason)
			}
		})
	}
}

func TestTaxCodeCases(t *testing.T) {
	tests := []struct {
		code string
		want IDReason
		norm string
	}{
		{"0100233488", IDValid, "0100233488"},
		{" 0100233488 ", IDValid, "0100233488"},
		{"0100233488-1", IDLength, "0100233488-1"},
		{"0100233488-00A", IDFormat, "0100233488-00A"},
		{"0100233488-999", IDValid, "0100233488-999"},
		{"01002334889", IDLength, "01002334889"},
	}
	for _, tt := range tests {
		norm, got := CheckTaxCode(tt.code)
		if got != tt.want || norm != tt.norm {
			t.Errorf("CheckTaxCode(%q) = %q, %q; want %q, %q", tt.code, norm, got, tt.norm, tt.want)
		}
	}
}

func TestPersonIDPrefixRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		year int
		sex  string
	}{{1985, "male"}, {1985, "female"}, {2001, "male"}, {2009, "female"}, {1960, "male"}} {
		id := PersonIDPrefix("001", tt.year, tt.sex) + "123456"
		if _, r := CheckPersonID(id, NewDate(tt.year, 6, 1), tt.sex); r != IDValid {
			t.Errorf("%d %s: %s is %q", tt.year, tt.sex, id, r)
		}
	}
	if _, r := CheckPersonID("099085012345", 0, ""); r != IDComponent {
		t.Errorf("unknown province gave %q", r)
	}
	if _, r := CheckPersonID("001685012345", 0, ""); r != IDComponent {
		t.Errorf("century digit 6 gave %q", r)
	}
}

func TestTaxCheckDigitNoValidCode(t *testing.T) {
	// Find a nine-digit prefix whose weighted sum is a multiple of 11: no check
	// digit can make it valid, and every tenth digit must be refused.
	for n := 100000000; n < 100001000; n++ {
		p := itoa9(n)
		if _, ok := TaxCheckDigit(p); ok {
			continue
		}
		for d := byte('0'); d <= '9'; d++ {
			if _, r := CheckTaxCode(p + string(d)); r == IDValid {
				t.Fatalf("%s%c accepted", p, d)
			}
		}
		return
	}
	t.Fatal("no prefix with remainder 0 found")
}

func itoa9(n int) string {
	b := make([]byte, 9)
	for i := 8; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}
