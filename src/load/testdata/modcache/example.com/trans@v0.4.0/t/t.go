package t // an older version that minimal version selection must not pick
