"""The simulation: pure step functions, the Mesa model and the vectorised ensemble."""
