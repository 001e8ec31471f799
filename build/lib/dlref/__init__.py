r"""dlref: the Deep Learning Specialization's formulas as small, tested NumPy functions.

One module per topic, pure functions, the course's conventions: one example per column
(``X`` has shape ``(n_x, m)``), ``W[l]`` has shape ``(n[l], n[l-1])``, parameters in a dict.

Public names follow the course's programming assignments (``initialize_with_zeros``,
``propagate``, ``L_model_forward``, ...) so that a learner can map each one to the assignment
it comes from, even where that breaks PEP 8's lower-case rule.
"""

__version__ = "0.1.0"
