package bb_test
