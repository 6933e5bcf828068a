// Package url (racewatch stub).
package url

type Userinfo struct {
	username    string
	password    string
	passwordSet bool
}

func (u *Userinfo) Username() string { return u.username }

type URL struct {
	Scheme      string
	Opaque      string
	User        *Userinfo
	Host        string
	Path        string
	RawPath     string
	OmitHost    bool
	ForceQuery  bool
	RawQuery    string
	Fragment    string
	RawFragment string
}

func Parse(rawURL string) (*URL, error)       { return &URL{}, nil }
func (u *URL) String() string                 { return "" }
func (u *URL) Query() Values                  { return nil }
func (u *URL) Hostname() string               { return "" }
func (u *URL) Port() string                   { return "" }
func (u *URL) EscapedPath() string            { return "" }
func (u *URL) JoinPath(elem ...string) *URL   { return u }
func (u *URL) ResolveReference(ref *URL) *URL { return ref }

type Values map[string][]string

func (v Values) Get(key string) string { return "" }
func (v Values) Set(key, value string) {}
func (v Values) Add(key, value string) {}
func (v Values) Del(key string)        {}
func (v Values) Has(key string) bool   { return false }
func (v Values) Encode() string        { return "" }

func ParseQuery(query string) (Values, error) { return nil, nil }
func QueryEscape(s string) string             { return s }
func QueryUnescape(s string) (string, error)  { return s, nil }
func PathEscape(s string) string              { return s }
func PathUnescape(s string) (string, error)   { return s, nil }
