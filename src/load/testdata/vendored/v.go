package vendored

import _ "example.com/vdep/inner"
