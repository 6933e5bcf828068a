package bad

import fmt
