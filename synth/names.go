package synth

import (
	"strings"
	"unicode"

	"ansinh/refdata"
)

// nameTable draws Vietnamese full names.
type nameTable struct {
	surnames []string
	surCum   cumulative
	pairs    [2][]string // "middle given", by sex (0 male, 1 female)
	singles  [2][]string // one-syllable given names, by sex
}

// badSurnames are rows of the surname list that are encoding debris (VNI
// bytes read as Latin-1), names without diacritics, or parts of names that
// the source split wrongly.
var badSurnames = map[string]bool{
	"Le": true, "Văn": true, "Hùynh": true, "Y": true, "Ánh": true, "Ất": true,
	"Hoà": true, "Trang": true,
}

// isDebris reports text left by a wrong decoding of VNI-encoded names.
func isDebris(s string) bool {
	return strings.ContainsAny(s, "øÑñöĂš") || strings.Contains(s, "aâ") ||
		strings.Contains(s, "oâ") || strings.Contains(s, "uõ")
}

// newNameTable cleans the embedded name lists. For a northern province
// (new code below 40) the southern spellings Huỳnh and Võ give most of their
// weight to Hoàng and Vũ, the forms usual in the north.
func newNameTable(n *refdata.Names, north bool) *nameTable {
	t := &nameTable{}
	weight := map[string]float64{}
	var order []string
	for _, s := range n.Surnames {
		if badSurnames[s.Name] || isDebris(s.Name) {
			continue
		}
		if _, ok := weight[s.Name]; !ok {
			order = append(order, s.Name)
		}
		weight[s.Name] += float64(s.Weight)
	}
	if north {
		for _, mv := range [][2]string{{"Huỳnh", "Hoàng"}, {"Võ", "Vũ"}} {
			if w, ok := weight[mv[0]]; ok {
				if _, ok := weight[mv[1]]; ok {
					weight[mv[1]] += 0.85 * w
					weight[mv[0]] = 0.15 * w
				}
			}
		}
	}
	w := make([]float64, len(order))
	for i, s := range order {
		w[i] = weight[s]
	}
	t.surnames, t.surCum = order, newCumulative(w)
	for si, sex := range []string{"M", "F"} {
		for _, p := range n.Given[sex] {
			if !isDebris(p) {
				t.pairs[si] = append(t.pairs[si], p)
			}
		}
		for _, g := range n.Single[sex] {
			if !isDebris(g) {
				t.singles[si] = append(t.singles[si], g)
			}
		}
	}
	return t
}

// fullName draws a name: a surname by frequency, then for women "Thị" and a
// one-syllable given name 40% of the time, for men "Văn" and a given name
// 30% of the time, otherwise a two-syllable "middle given" pair of the sex.
func (t *nameTable) fullName(r *rng, female bool) string {
	sur := t.surnames[t.surCum.pick(r)]
	si := 0
	middle, lead := "Văn ", 0.30
	if female {
		si, middle, lead = 1, "Thị ", 0.40
	}
	if r.chance(lead) || len(t.pairs[si]) == 0 {
		return sur + " " + middle + t.singles[si][r.intn(len(t.singles[si]))]
	}
	return sur + " " + t.pairs[si][r.intn(len(t.pairs[si]))]
}

// Company names are composed from the parts below; brands are common
// two-syllable Sino-Vietnamese words of good omen.
var (
	brandWords = []string{
		"Minh Phát", "Hoàng Long", "Thành Công", "An Phú", "Đại Việt", "Hưng Thịnh", "Phú Gia", "Tân Tiến",
		"Thịnh Vượng", "Kinh Bắc", "Hồng Hà", "Phúc Lộc", "Trường Sơn", "Việt Hưng", "Quang Minh", "Bảo Ngọc",
		"Hải Đăng", "Nam Việt", "Đông Á", "Sao Mai", "Tiến Đạt", "Gia Huy", "Anh Khoa", "Đức Thịnh",
		"Mạnh Hùng", "Phương Nam", "Thuận Phát", "Hợp Nhất", "Toàn Thắng", "Vạn Xuân", "Kim Ngân", "Ngọc Lan",
		"Thiên Phúc", "Hòa Bình", "Bình Minh", "Trung Kiên", "Tâm Đức", "Liên Minh", "Quốc Bảo", "Việt Tiến",
		"Long Hải", "Đại Phát", "Hà Anh", "Thái Sơn", "Vĩnh Thịnh", "Lạc Hồng", "Tràng An", "Phú Cường",
		"Song Hương", "Đông Dương", "Nhật Minh", "Thảo Nguyên", "Hồng Phúc", "An Khang", "Phát Đạt", "Thành Đạt",
	}
	industries = []string{
		"Thương mại và Dịch vụ", "Xây dựng", "Cơ khí", "May mặc", "Đồ gỗ Mỹ nghệ", "Vận tải", "Điện tử",
		"Thực phẩm", "Vật liệu Xây dựng", "Đầu tư và Phát triển", "Bao bì", "Nhựa", "Thép", "Công nghệ",
		"Xuất nhập khẩu", "Dược phẩm", "In ấn", "Nông sản", "Giấy", "Điện lạnh", "Nội thất", "Môi trường",
	}
	companyForms = []string{"Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH Một thành viên", "Doanh nghiệp tư nhân"}
	fdiHeads     = []string{"Dae", "Han", "Seo", "Jin", "Sung", "Hyo", "Myung", "Woo", "Kwang", "Young", "Shin", "Tai", "Kai", "Hong", "Fu", "Yuan", "Nissho", "Kyo", "Tomo", "Asa"}
	fdiTails     = []string{"won", "il", "jin", "hwa", "tech", "sung", "da", "lux", "tron", "kawa", "lin", "feng", "yang", "moto", "dong", "sei"}
	fdiFields    = []string{"Electronics", "Precision", "Technology", "Components", "Optics", "Display", "Materials", "Apparel", "Packaging", "Mechanical", "Plastics", "Circuit"}
	soeNames     = []string{
		"Công ty TNHH Một thành viên Khai thác Công trình Thủy lợi", "Công ty Cổ phần Nước sạch", "Công ty Cổ phần Môi trường và Công trình Đô thị",
		"Công ty TNHH Một thành viên Xổ số Kiến thiết", "Công ty Cổ phần Vận tải", "Công ty TNHH Một thành viên Lâm nghiệp",
		"Công ty Cổ phần Phát hành Sách", "Công ty Cổ phần Quản lý Đường bộ", "Công ty Cổ phần Dược phẩm",
	}
	stateNames = []string{
		"Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trạm Y tế", "Ủy ban nhân dân",
		"Trường Trung học phổ thông", "Trung tâm Y tế", "Trung tâm Văn hóa – Thể thao",
	}
	coopNames = []string{
		"Hợp tác xã Nông nghiệp", "Hợp tác xã Dịch vụ Nông nghiệp", "Hợp tác xã Mây tre đan",
		"Hợp tác xã Vận tải", "Hợp tác xã Rau an toàn", "Quỹ tín dụng nhân dân", "Hợp tác xã Chăn nuôi",
	}
)

// companyName composes the name of an employer of the kind at a commune.
func (g *gen) companyName(r *rng, kind int, c *commune) string {
	switch kind {
	case kindFDI:
		brand := fdiHeads[r.intn(len(fdiHeads))] + fdiTails[r.intn(len(fdiTails))]
		tail := " Việt Nam"
		if r.chance(0.3) {
			tail = " Vina"
		}
		return "Công ty TNHH " + brand + " " + fdiFields[r.intn(len(fdiFields))] + tail
	case kindSOE:
		return soeNames[r.intn(len(soeNames))] + " " + g.placeName(r, c)
	case kindState:
		n := stateNames[r.intn(len(stateNames))]
		if n == "Trạm Y tế" || n == "Ủy ban nhân dân" {
			return n + " " + strings.ToLower(c.fullName[:len(c.fullName)-len(c.name)]) + c.name
		}
		return n + " " + c.name
	case kindCoop:
		return coopNames[r.intn(len(coopNames))] + " " + c.name
	case kindHousehold:
		return "Hộ kinh doanh " + g.names.fullName(r, r.chance(0.45))
	}
	form := companyForms[r.intn(len(companyForms))]
	name := form + " " + industries[r.intn(len(industries))] + " " + brandWords[r.intn(len(brandWords))]
	if r.chance(0.25) {
		name += " " + c.name
	}
	return name
}

// placeName returns the province's or the commune's short name.
func (g *gen) placeName(r *rng, c *commune) string {
	if r.chance(0.5) {
		return g.geo.province.Name
	}
	return c.name
}

// asciiFold writes Vietnamese text without diacritics (đ → d), as partner
// systems that strip them do.
func asciiFold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune maps a Vietnamese letter to its base Latin letter.
func foldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	upper := unicode.IsUpper(r)
	l := unicode.ToLower(r)
	var base rune
	switch {
	case strings.ContainsRune("àáạảãâầấậẩẫăằắặẳẵ", l):
		base = 'a'
	case strings.ContainsRune("èéẹẻẽêềếệểễ", l):
		base = 'e'
	case strings.ContainsRune("ìíịỉĩ", l):
		base = 'i'
	case strings.ContainsRune("òóọỏõôồốộổỗơờớợởỡ", l):
		base = 'o'
	case strings.ContainsRune("ùúụủũưừứựửữ", l):
		base = 'u'
	case strings.ContainsRune("ỳýỵỷỹ", l):
		base = 'y'
	case l == 'đ':
		base = 'd'
	case l == '–':
		return '-'
	default:
		return r
	}
	if upper {
		return unicode.ToUpper(base)
	}
	return base
}
