# Installs one Agensium.Scheduler node as a Windows service (run as Administrator).
#   .\install-service.ps1 -Node 1 -InstallDir C:\agensium-scheduler -ConnectionString "Host=...;Database=agensium;..." -ApiKey "long-random-key"
# Settings can also live in appsettings.json beside the executable, or in machine environment variables.
param(
    [Parameter(Mandatory = $true)][int]$Node,
    [Parameter(Mandatory = $true)][string]$InstallDir,
    [Parameter(Mandatory = $true)][string]$ConnectionString,
    [Parameter(Mandatory = $true)][string]$ApiKey,
    [int]$Port = 5100 + $Node
)
$ErrorActionPreference = 'Stop'
$name = "Agensium.Scheduler.$Node"
$exe = Join-Path $InstallDir 'Agensium.Scheduler.exe'
if (-not (Test-Path $exe)) { throw "$exe not found: publish with 'dotnet publish Agensium.Scheduler -c Release -r win-x64 -o $InstallDir'" }

if (Get-Service -Name $name -ErrorAction SilentlyContinue) { throw "Service $name exists already: remove it first (sc.exe delete $name) or pick another -Node." }
if (-not $ApiKey) { throw "-ApiKey is required: the development key in appsettings.json must never guard a service listening on every interface." }
New-Service -Name $name -BinaryPathName "`"$exe`"" -DisplayName "Agensium.Scheduler node $Node" -StartupType Automatic
# Per-service environment (REG_MULTI_SZ "Environment" value): the node's own port, the shared store, its API key and an
# absolute log path (a service starts in System32, where a relative "logs/" would land).
$logs = Join-Path $InstallDir 'logs'
New-Item -ItemType Directory -Force -Path $logs | Out-Null
$env = @("Urls=http://0.0.0.0:$Port", "ConnectionStrings__Postgres=$ConnectionString", "Api__Keys__0=$ApiKey",
         "Serilog__WriteTo__1__Args__path=$(Join-Path $logs "node-$Node-.log")")
New-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$name" -Name Environment -PropertyType MultiString -Value $env -Force | Out-Null
# Restart on failure after 5 s, three times, then every minute.
sc.exe failure $name reset= 86400 actions= restart/5000/restart/5000/restart/60000 | Out-Null
Start-Service $name
Get-Service $name
