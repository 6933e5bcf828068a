// Package http (racewatch stub): handlers, requests, responses, servers and clients.
package http

import (
	"context"
	"errors"
	"io"
	"net/url"
	"time"
)

const (
	MethodGet     = "GET"
	MethodHead    = "HEAD"
	MethodPost    = "POST"
	MethodPut     = "PUT"
	MethodPatch   = "PATCH"
	MethodDelete  = "DELETE"
	MethodOptions = "OPTIONS"
)

const (
	StatusOK                  = 200
	StatusCreated             = 201
	StatusAccepted            = 202
	StatusNoContent           = 204
	StatusMovedPermanently    = 301
	StatusFound               = 302
	StatusNotModified         = 304
	StatusBadRequest          = 400
	StatusUnauthorized        = 401
	StatusForbidden           = 403
	StatusNotFound            = 404
	StatusMethodNotAllowed    = 405
	StatusConflict            = 409
	StatusTooManyRequests     = 429
	StatusInternalServerError = 500
	StatusNotImplemented      = 501
	StatusBadGateway          = 502
	StatusServiceUnavailable  = 503
)

var ErrServerClosed = errors.New("http: Server closed")

var ErrNoCookie = errors.New("http: named cookie not present")

type Header map[string][]string

func (h Header) Add(key, value string)      {}
func (h Header) Set(key, value string)      {}
func (h Header) Get(key string) string      { return "" }
func (h Header) Values(key string) []string { return nil }
func (h Header) Del(key string)             {}
func (h Header) Clone() Header              { return h }
func (h Header) Write(w io.Writer) error    { return nil }

type SameSite int

type Cookie struct {
	Name        string
	Value       string
	Quoted      bool
	Path        string
	Domain      string
	Expires     time.Time
	RawExpires  string
	MaxAge      int
	Secure      bool
	HttpOnly    bool
	SameSite    SameSite
	Partitioned bool
	Raw         string
	Unparsed    []string
}

func (c *Cookie) String() string { return "" }
func (c *Cookie) Valid() error   { return nil }

type Request struct {
	Method           string
	URL              *url.URL
	Proto            string
	ProtoMajor       int
	ProtoMinor       int
	Header           Header
	Body             io.ReadCloser
	GetBody          func() (io.ReadCloser, error)
	ContentLength    int64
	TransferEncoding []string
	Close            bool
	Host             string
	Form             url.Values
	PostForm         url.Values
	Trailer          Header
	RemoteAddr       string
	RequestURI       string
	Pattern          string
	ctx              context.Context
}

func NewRequest(method, url string, body io.Reader) (*Request, error) { return &Request{}, nil }
func NewRequestWithContext(ctx context.Context, method, url string, body io.Reader) (*Request, error) {
	return &Request{}, nil
}

func (r *Request) Context() context.Context                        { return r.ctx }
func (r *Request) WithContext(ctx context.Context) *Request        { return r }
func (r *Request) Clone(ctx context.Context) *Request              { return r }
func (r *Request) Cookie(name string) (*Cookie, error)             { return nil, ErrNoCookie }
func (r *Request) Cookies() []*Cookie                              { return nil }
func (r *Request) AddCookie(c *Cookie)                             {}
func (r *Request) FormValue(key string) string                     { return "" }
func (r *Request) PostFormValue(key string) string                 { return "" }
func (r *Request) PathValue(name string) string                    { return "" }
func (r *Request) SetPathValue(name, value string)                 {}
func (r *Request) ParseForm() error                                { return nil }
func (r *Request) UserAgent() string                               { return "" }
func (r *Request) Referer() string                                 { return "" }
func (r *Request) BasicAuth() (username, password string, ok bool) { return }
func (r *Request) SetBasicAuth(username, password string)          {}

type Response struct {
	Status        string
	StatusCode    int
	Proto         string
	ProtoMajor    int
	ProtoMinor    int
	Header        Header
	Body          io.ReadCloser
	ContentLength int64
	Close         bool
	Uncompressed  bool
	Trailer       Header
	Request       *Request
}

func (r *Response) Cookies() []*Cookie { return nil }

type ResponseWriter interface {
	Header() Header
	Write([]byte) (int, error)
	WriteHeader(statusCode int)
}

type Flusher interface {
	Flush()
}

type Handler interface {
	ServeHTTP(ResponseWriter, *Request)
}

type HandlerFunc func(ResponseWriter, *Request)

func (f HandlerFunc) ServeHTTP(w ResponseWriter, r *Request) { f(w, r) }

type ServeMux struct {
	handlers map[string]Handler
}

func NewServeMux() *ServeMux                                                            { return &ServeMux{} }
func (mux *ServeMux) Handle(pattern string, handler Handler)                            {}
func (mux *ServeMux) HandleFunc(pattern string, handler func(ResponseWriter, *Request)) {}
func (mux *ServeMux) Handler(r *Request) (h Handler, pattern string)                    { return nil, "" }
func (mux *ServeMux) ServeHTTP(w ResponseWriter, r *Request)                            {}

var DefaultServeMux = &defaultServeMux

var defaultServeMux ServeMux

func Handle(pattern string, handler Handler)                                  {}
func HandleFunc(pattern string, handler func(ResponseWriter, *Request))       {}
func ListenAndServe(addr string, handler Handler) error                       { return nil }
func ListenAndServeTLS(addr, certFile, keyFile string, handler Handler) error { return nil }
func Error(w ResponseWriter, error string, code int)                          {}
func NotFound(w ResponseWriter, r *Request)                                   {}
func NotFoundHandler() Handler                                                { return nil }
func Redirect(w ResponseWriter, r *Request, url string, code int)             {}
func SetCookie(w ResponseWriter, cookie *Cookie)                              {}
func StatusText(code int) string                                              { return "" }
func StripPrefix(prefix string, h Handler) Handler                            { return h }
func TimeoutHandler(h Handler, dt time.Duration, msg string) Handler          { return h }
func MaxBytesReader(w ResponseWriter, r io.ReadCloser, n int64) io.ReadCloser { return r }

type Server struct {
	Addr              string
	Handler           Handler
	ReadTimeout       time.Duration
	ReadHeaderTimeout time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	MaxHeaderBytes    int
	mu                chan struct{}
}

func (srv *Server) ListenAndServe() error                            { return nil }
func (srv *Server) ListenAndServeTLS(certFile, keyFile string) error { return nil }
func (srv *Server) Shutdown(ctx context.Context) error               { return nil }
func (srv *Server) Close() error                                     { return nil }
func (srv *Server) RegisterOnShutdown(f func())                      {}
func (srv *Server) SetKeepAlivesEnabled(v bool)                      {}

type RoundTripper interface {
	RoundTrip(*Request) (*Response, error)
}

type Transport struct {
	MaxIdleConns        int
	MaxIdleConnsPerHost int
	MaxConnsPerHost     int
	IdleConnTimeout     time.Duration
	mu                  chan struct{}
}

func (t *Transport) RoundTrip(req *Request) (*Response, error) { return nil, nil }
func (t *Transport) CloseIdleConnections()                     {}
func (t *Transport) Clone() *Transport                         { return t }

var DefaultTransport RoundTripper = &Transport{}

type CookieJar interface {
	SetCookies(u *url.URL, cookies []*Cookie)
	Cookies(u *url.URL) []*Cookie
}

type Client struct {
	Transport     RoundTripper
	CheckRedirect func(req *Request, via []*Request) error
	Jar           CookieJar
	Timeout       time.Duration
}

var DefaultClient = &Client{}

func (c *Client) Do(req *Request) (*Response, error)          { return nil, nil }
func (c *Client) Get(url string) (resp *Response, err error)  { return nil, nil }
func (c *Client) Head(url string) (resp *Response, err error) { return nil, nil }
func (c *Client) Post(url, contentType string, body io.Reader) (resp *Response, err error) {
	return nil, nil
}
func (c *Client) PostForm(url string, data url.Values) (resp *Response, err error) { return nil, nil }
func (c *Client) CloseIdleConnections()                                            {}

func Get(url string) (resp *Response, err error)                               { return nil, nil }
func Head(url string) (resp *Response, err error)                              { return nil, nil }
func Post(url, contentType string, body io.Reader) (resp *Response, err error) { return nil, nil }
func PostForm(url string, data url.Values) (resp *Response, err error)         { return nil, nil }
