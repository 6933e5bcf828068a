package bad

import "C"
