# QGIS's way to polygon walking service areas, for bench/qgis.bench.ts: per distance,
# native:serviceareafromlayer (reachable lines per start point) then native:buffer of those lines
# by the lateral offset (GEOS dissolves each start point's lines into one polygon).
# Usage: python3 qgisServiceAreas.py ROADS FACILITIES OUT_DIR OFFSET_M D1,D2,...
# Prints one JSON line: CPU seconds of the processing calls (data loaded by QGIS inside them).
import json
import os
import sys
import time

os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')
from qgis.core import QgsApplication  # noqa: E402

QgsApplication.setPrefixPath('/usr', True)
app = QgsApplication([], False)
app.initQgis()
sys.path.append('/usr/share/qgis/python/plugins')
import processing  # noqa: E402
from processing.core.Processing import Processing  # noqa: E402

Processing.initialize()

roads, facilities, out_dir, offset, distances = sys.argv[1:6]
cpu0 = time.process_time()
wall0 = time.time()
features = 0
for d in [float(x) for x in distances.split(',')]:
    lines = processing.run('native:serviceareafromlayer', {
        'INPUT': roads, 'STRATEGY': 0, 'DEFAULT_DIRECTION': 2, 'TOLERANCE': 0.01,
        'START_POINTS': facilities, 'TRAVEL_COST2': d, 'INCLUDE_BOUNDS': False,
        'OUTPUT_LINES': os.path.join(out_dir, f'qgis_lines_{int(d)}.geojson'),
    })['OUTPUT_LINES']
    areas = processing.run('native:buffer', {
        'INPUT': lines, 'DISTANCE': float(offset), 'SEGMENTS': 6, 'END_CAP_STYLE': 0, 'JOIN_STYLE': 0,
        'MITER_LIMIT': 2, 'DISSOLVE': False, 'OUTPUT': os.path.join(out_dir, f'qgis_areas_{int(d)}.geojson'),
    })['OUTPUT']
    with open(areas) as f:
        features += len(json.load(f)['features'])
print(json.dumps({'cpu_s': time.process_time() - cpu0, 'wall_s': time.time() - wall0, 'area_features': features}))
app.exitQgis()
