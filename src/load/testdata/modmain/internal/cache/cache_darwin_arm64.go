package cache

const sep = '/'
