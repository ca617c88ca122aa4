// True geodesic circles on the WGS84 ellipsoid (Vincenty's direct formula, 1975), for the
// straight-line (`euclidean`) service areas: every vertex is exactly `radius` metres from the
// centre along the ellipsoid.
import type { Position, Ring } from '../types';

const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);

/** The point `distance` metres from `from` in direction `bearingDeg` (clockwise from north). */
export function geodesicDestination(from: Position, bearingDeg: number, distance: number): Position {
  const toRad = Math.PI / 180;
  const alpha1 = bearingDeg * toRad;
  const sinA1 = Math.sin(alpha1);
  const cosA1 = Math.cos(alpha1);
  const tanU1 = (1 - F) * Math.tan(from[1] * toRad);
  const cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
  const sinU1 = tanU1 * cosU1;
  const sigma1 = Math.atan2(tanU1, cosA1);
  const sinAlpha = cosU1 * sinA1;
  const cos2Alpha = 1 - sinAlpha * sinAlpha;
  const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
  const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  let sigma = distance / (B * bigA);
  for (let i = 0; i < 100; i++) {
    const cos2SigmaM = Math.cos(2 * sigma1 + sigma);
    const sinSigma = Math.sin(sigma);
    const cosSigma = Math.cos(sigma);
    const dSigma =
      bigB * sinSigma * (cos2SigmaM + (bigB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    const next = distance / (B * bigA) + dSigma;
    if (Math.abs(next - sigma) < 1e-12) {
      sigma = next;
      break;
    }
    sigma = next;
  }
  const cos2SigmaM = Math.cos(2 * sigma1 + sigma);
  const sinSigma = Math.sin(sigma);
  const cosSigma = Math.cos(sigma);
  const tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosA1;
  const lat2 = Math.atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosA1, (1 - F) * Math.sqrt(sinAlpha * sinAlpha + tmp * tmp));
  const lambda = Math.atan2(sinSigma * sinA1, cosU1 * cosSigma - sinU1 * sinSigma * cosA1);
  const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
  const L = lambda - (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
  return [from[0] + L / toRad, lat2 / toRad];
}

/** Closed ring of `steps` vertices, each exactly `radius` metres (geodesic) from `center`, CCW. */
export function geodesicCircle(center: Position, radius: number, steps = 64): Ring {
  const ring: Ring = [];
  for (let k = 0; k < steps; k++) ring.push(geodesicDestination(center, 360 - (360 * k) / steps, radius));
  ring.push(ring[0]);
  return ring;
}
