#Requires -Version 5.1
<#
.SYNOPSIS
  Removes mcp-warden (Intune Win32 app uninstall command, as System).

.DESCRIPTION
  powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\uninstall.ps1 [-Purge]
  Removes the scheduled tasks, the program folder, the Apps & features entry and the
  version value detect.ps1 reads. Keeps C:\ProgramData\mcp-warden (agent config, system
  state) and Claude Code's managed drop-in unless -Purge is given. Users' own state
  (%LOCALAPPDATA%\mcp-warden: quarantine records, logs) is left alone so quarantined
  entries stay restorable. The HKLM policy key belongs to Group Policy / Intune and is
  removed by unassigning the policy.
#>
[CmdletBinding()]
param(
  [switch]$Purge
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
  $ps64 = Join-Path $env:WINDIR 'sysnative\WindowsPowerShell\v1.0\powershell.exe'
  $forward = @('-NoProfile', '-ExecutionPolicy', 'Bypass', '-File', $PSCommandPath)
  if ($Purge) { $forward += '-Purge' }
  & $ps64 @forward
  exit $LASTEXITCODE
}

$InstallDir = Join-Path $env:ProgramFiles 'mcp-warden'
$DataDir = Join-Path $env:ProgramData 'mcp-warden'
$StateKey = 'HKLM:\SOFTWARE\mcp-warden'
$UninstallKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\mcp-warden'
$TaskPath = '\mcp-warden\'
$DropIn = Join-Path $env:ProgramFiles 'ClaudeCode\managed-settings.d\50-mcp-warden.json'

$exitCode = 0
try {
  Get-ScheduledTask -TaskPath $TaskPath -ErrorAction SilentlyContinue | ForEach-Object {
    Stop-ScheduledTask -InputObject $_ -ErrorAction SilentlyContinue
    Unregister-ScheduledTask -InputObject $_ -Confirm:$false
  }
  Get-Process -Name 'mcp-warden', 'mcp-warden-agent' -ErrorAction SilentlyContinue |
    Where-Object { $_.Path -and $_.Path.StartsWith($InstallDir, [StringComparison]::OrdinalIgnoreCase) } |
    Stop-Process -Force -ErrorAction SilentlyContinue
  Start-Sleep -Seconds 1

  # The running script may itself live in the install folder (Apps & features): PowerShell
  # has read it completely, so removing the folder is safe.
  if (Test-Path -LiteralPath $InstallDir) { Remove-Item -LiteralPath $InstallDir -Recurse -Force }
  Remove-Item -Path $UninstallKey -Recurse -Force -ErrorAction SilentlyContinue
  Remove-Item -Path $StateKey -Recurse -Force -ErrorAction SilentlyContinue

  if ($Purge) {
    if (Test-Path -LiteralPath $DataDir) { Remove-Item -LiteralPath $DataDir -Recurse -Force }
    if (Test-Path -LiteralPath $DropIn) { Remove-Item -LiteralPath $DropIn -Force }
  }
  Write-Output "mcp-warden removed (purge: $([bool]$Purge))"
} catch {
  Write-Output "mcp-warden uninstall failed: $($_.Exception.Message)"
  $exitCode = 1
}
exit $exitCode
