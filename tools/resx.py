#!/usr/bin/env python3
"""Writes a .resx file from name=value lines: tools/resx.py OUT.resx < pairs.txt"""
import sys
from xml.sax.saxutils import escape

out = sys.argv[1]
rows = []
for line in sys.stdin.read().splitlines():
    if not line.strip() or line.startswith('#'):
        continue
    name, value = line.split('=', 1)
    rows.append(f'  <data name="{escape(name.strip(), {chr(34): "&quot;"})}" xml:space="preserve">\n    <value>{escape(value.strip())}</value>\n  </data>\n')
with open(out, 'w', encoding='utf-8') as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<root>\n')
    f.write('  <resheader name="resmimetype">\n    <value>text/microsoft-resx</value>\n  </resheader>\n')
    f.write('  <resheader name="version">\n    <value>2.0</value>\n  </resheader>\n')
    f.write('  <resheader name="reader">\n    <value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value>\n  </resheader>\n')
    f.write('  <resheader name="writer">\n    <value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value>\n  </resheader>\n')
    f.writelines(rows)
    f.write('</root>\n')
