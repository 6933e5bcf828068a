// Package time (racewatch stub): durations, instants, timers and tickers.
package time

type Duration int64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

func (d Duration) String() string               { return "" }
func (d Duration) Nanoseconds() int64           { return int64(d) }
func (d Duration) Microseconds() int64          { return int64(d) / 1e3 }
func (d Duration) Milliseconds() int64          { return int64(d) / 1e6 }
func (d Duration) Seconds() float64             { return 0 }
func (d Duration) Minutes() float64             { return 0 }
func (d Duration) Hours() float64               { return 0 }
func (d Duration) Truncate(m Duration) Duration { return d }
func (d Duration) Round(m Duration) Duration    { return d }
func (d Duration) Abs() Duration                { return d }

type Month int

const (
	January Month = 1 + iota
	February
	March
	April
	May
	June
	July
	August
	September
	October
	November
	December
)

func (m Month) String() string { return "" }

type Weekday int

func (d Weekday) String() string { return "" }

type Location struct {
	name string
}

func (l *Location) String() string { return l.name }

var UTC *Location = &Location{name: "UTC"}

var Local *Location = &Location{name: "Local"}

type Time struct {
	wall uint64
	ext  int64
	loc  *Location
}

func Now() Time                                                                     { return Time{} }
func Unix(sec int64, nsec int64) Time                                               { return Time{} }
func UnixMilli(msec int64) Time                                                     { return Time{} }
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time { return Time{} }
func Since(t Time) Duration                                                         { return 0 }
func Until(t Time) Duration                                                         { return 0 }
func Parse(layout, value string) (Time, error)                                      { return Time{}, nil }
func ParseDuration(s string) (Duration, error)                                      { return 0, nil }

func (t Time) Add(d Duration) Time                          { return t }
func (t Time) AddDate(years int, months int, days int) Time { return t }
func (t Time) Sub(u Time) Duration                          { return 0 }
func (t Time) After(u Time) bool                            { return false }
func (t Time) Before(u Time) bool                           { return false }
func (t Time) Compare(u Time) int                           { return 0 }
func (t Time) Equal(u Time) bool                            { return false }
func (t Time) IsZero() bool                                 { return false }
func (t Time) Unix() int64                                  { return 0 }
func (t Time) UnixMilli() int64                             { return 0 }
func (t Time) UnixNano() int64                              { return 0 }
func (t Time) Format(layout string) string                  { return "" }
func (t Time) String() string                               { return "" }
func (t Time) UTC() Time                                    { return t }
func (t Time) Local() Time                                  { return t }
func (t Time) In(loc *Location) Time                        { return t }
func (t Time) Truncate(d Duration) Time                     { return t }
func (t Time) Round(d Duration) Time                        { return t }
func (t Time) Year() int                                    { return 0 }
func (t Time) Month() Month                                 { return 0 }
func (t Time) Day() int                                     { return 0 }
func (t Time) Weekday() Weekday                             { return 0 }

const (
	Layout      = "01/02 03:04:05PM '06 -0700"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	DateTime    = "2006-01-02 15:04:05"
	DateOnly    = "2006-01-02"
	TimeOnly    = "15:04:05"
)

func Sleep(d Duration) {}

type Timer struct {
	C         <-chan Time
	initTimer bool
}

func NewTimer(d Duration) *Timer            { return &Timer{} }
func AfterFunc(d Duration, f func()) *Timer { return &Timer{} }
func (t *Timer) Stop() bool                 { return false }
func (t *Timer) Reset(d Duration) bool      { return false }

type Ticker struct {
	C          <-chan Time
	initTicker bool
}

func NewTicker(d Duration) *Ticker { return &Ticker{} }
func (t *Ticker) Stop()            {}
func (t *Ticker) Reset(d Duration) {}

func After(d Duration) <-chan Time { return nil }
func Tick(d Duration) <-chan Time  { return nil }
