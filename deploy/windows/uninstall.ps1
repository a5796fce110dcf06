<#
.SYNOPSIS
Removes the Forecaster Windows service and its files. Run in an elevated Windows PowerShell 5.1 or PowerShell 7.

.DESCRIPTION
Stops and deletes the service (with it the connection string kept in the service's environment), removes the
event-log source and the install folder. An operator-written appsettings.Production.json in the install folder
is kept unless -Purge is given, because it is the operator's configuration, not the installer's.
#>
[CmdletBinding()]
param(
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'Forecaster'),
    [switch] $Purge
)
$ErrorActionPreference = 'Stop'
$ServiceName = 'Forecaster'

$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($service) {
    if ($service.Status -ne 'Stopped') {
        Stop-Service -Name $ServiceName
        $service.WaitForStatus('Stopped', [TimeSpan]::FromSeconds(60))
    }
    sc.exe delete $ServiceName | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "sc.exe delete failed with exit code $LASTEXITCODE" }
}

$operatorSettings = Join-Path $InstallDir 'appsettings.Production.json'
if (Test-Path (Join-Path $InstallDir 'forecaster.exe')) {
    Get-ChildItem -Path $InstallDir | Where-Object { $Purge -or $_.FullName -ne $operatorSettings } | Remove-Item -Recurse -Force
    if ($Purge) { Remove-Item -Force $InstallDir }
}

# The .NET call, not Remove-EventLog, which PowerShell 7 does not have.
if ([Diagnostics.EventLog]::SourceExists($ServiceName)) {
    [Diagnostics.EventLog]::DeleteEventSource($ServiceName)
}

Write-Host 'Forecaster uninstalled.'
