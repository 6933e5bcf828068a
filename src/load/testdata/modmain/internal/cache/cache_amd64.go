package cache

const wide = 8
