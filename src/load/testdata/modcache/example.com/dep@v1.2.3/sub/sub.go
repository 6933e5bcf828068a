package sub

import _ "example.com/trans/t"
