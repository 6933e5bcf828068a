package cgo

import (
	"fmt"
	_ "unsafe"
)

var _ = fmt.Sprint
