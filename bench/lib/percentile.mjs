// The one percentile rule every benchmark part reports with.

/**
 * Nearest-rank percentile of sorted values.
 * @param {ArrayLike<number>} sorted
 * @param {number} p between 0 and 1
 * @returns {number}
 */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
