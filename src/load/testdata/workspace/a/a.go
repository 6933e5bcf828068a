package a

import (
	_ "example.com/b/bb"
	_ "example.com/wdep"
)
