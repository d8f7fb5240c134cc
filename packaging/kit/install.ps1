# Install Correspondence Desk from this folder, with no network:
#   powershell -ExecutionPolicy Bypass -File install.ps1 [DEST]
# DEST defaults to %LOCALAPPDATA%\CorrespondenceDesk\venv; the command is DEST\Scripts\correspondence-desk.exe
param([string]$Dest = "$env:LOCALAPPDATA\CorrespondenceDesk\venv")
$ErrorActionPreference = "Stop"
$Kit = $PSScriptRoot
$Py = if ($env:PYTHON) { $env:PYTHON } else { "py" }
$Tag = & $Py -c "import sys; print('cp%d%d' % sys.version_info[:2])"
$Wheels = Join-Path $Kit "$Tag-windows"
if (-not (Test-Path $Wheels)) { throw "This kit has no wheels for Python $Tag; set PYTHON to another python.exe" }
& $Py -m venv $Dest
$env:PIP_CONFIG_FILE = "nul"
& "$Dest\Scripts\python.exe" -m pip install --quiet --disable-pip-version-check --no-index --find-links $Wheels correspondence-desk
if ($LASTEXITCODE -ne 0) { throw "pip failed" }
Write-Output "Installed: $Dest\Scripts\correspondence-desk.exe"
