package cache

const fast = true
