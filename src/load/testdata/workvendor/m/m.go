package m

import _ "example.com/wv/p"
