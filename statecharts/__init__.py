"""The statechart receptionist's pure core: the call-flow chart and the agency's rules."""
