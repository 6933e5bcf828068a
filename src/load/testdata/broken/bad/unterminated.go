package bad

import (
	"fmt"
