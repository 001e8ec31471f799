"""Real data sets in the course's layout, from the copies bundled with scikit-learn.

Nothing is downloaded: scikit-learn ships these files inside its wheel.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split


def breast_cancer_split(test_size: float = 0.2, seed: int = 0):
    """Breast-cancer data as ``(X_train, Y_train, X_test, Y_test)``, one example per column.

    Features are standardized with the training set's mean and standard deviation, which are
    then reused on the test set. Labels: 1 = benign, 0 = malignant.
    """
    data = load_breast_cancer()
    x_train, x_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=test_size, random_state=seed, stratify=data.target
    )
    mu, sigma = x_train.mean(axis=0), x_train.std(axis=0)
    X_train, X_test = ((x_train - mu) / sigma).T, ((x_test - mu) / sigma).T
    Y_train = y_train.reshape(1, -1).astype(np.float64)
    Y_test = y_test.reshape(1, -1).astype(np.float64)
    return X_train, Y_train, X_test, Y_test


def flower_dataset(m: int = 400, seed: int = 1):
    """The course's planar "flower" data, generated here: ``(X, Y)`` of shapes ``(2, m)``, ``(1, m)``.

    Two classes of ``m // 2`` points each, on the petals of the rose curve ``r = 4 sin(4t)`` with
    Gaussian noise on the angle and the radius. No straight line separates them.
    """
    rng = np.random.default_rng(seed)
    n = m // 2
    X, Y = np.zeros((2, 2 * n)), np.zeros((1, 2 * n))
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + rng.standard_normal(n) * 0.2  # angle
        r = 4 * np.sin(4 * t) + rng.standard_normal(n) * 0.2  # radius
        X[:, j * n:(j + 1) * n] = np.vstack([r * np.sin(t), r * np.cos(t)])
        Y[0, j * n:(j + 1) * n] = j
    return X, Y


def digits_split(test_size: float = 0.25, seed: int = 0):
    """Handwritten digits 0-9 as ``(X_train, Y_train, X_test, y_test)``, one example per column.

    The 8 x 8 images are flattened to 64 features scaled to [0, 1] (the pixels run from 0 to
    16). ``Y_train`` is one-hot, shape (10, m_train); ``y_test`` holds the labels, shape
    (1, m_test).
    """
    from sklearn.datasets import load_digits

    from dlref.softmax import convert_to_one_hot

    data = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        data.data / 16.0, data.target, test_size=test_size, random_state=seed, stratify=data.target
    )
    Y_train = convert_to_one_hot(y_train.reshape(1, -1), 10)
    return x_train.T, Y_train, x_test.T, y_test.reshape(1, -1).astype(np.float64)


def breast_cancer_raw_split(seed: int = 0):
    """The breast-cancer data, unscaled, split 60/20/20 by dlref: ``(X_train, Y_train, X_dev,
    Y_dev, X_test, Y_test)``, one example per column (for the pages that normalize it themselves)."""
    from dlref.data_setup import train_dev_test_split

    data = load_breast_cancer()
    X, Y = data.data.T, data.target.reshape(1, -1).astype(np.float64)
    return train_dev_test_split(X, Y, 0.2, 0.2, np.random.default_rng(seed))
