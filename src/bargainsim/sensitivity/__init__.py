"""Global sensitivity analysis and scenario discovery over sampled inputs.

Pure analysis, in SALib's manner: :mod:`~bargainsim.sensitivity.design` samples a design
in the unit cube, :mod:`~bargainsim.sensitivity.analysis` takes that design and the
outputs measured at its points and computes Morris or Sobol indices,
:mod:`~bargainsim.sensitivity.discovery` finds PRIM boxes. Nothing here runs the model;
:mod:`bargainsim.workflows.sensitivity` runs the design through the batch engine.
:mod:`~bargainsim.sensitivity.inputs` reads the inputs file. See ``docs/sensitivity.md``.
"""
