#Requires -Version 5.1
<#
.SYNOPSIS
  Intune custom detection script for the mcp-warden Win32 app.

.DESCRIPTION
  Uploaded to Intune as the detection rule ("Run script as 32-bit process: No"). Intune
  treats the app as installed when the script exits 0 AND writes to standard output;
  anything else (no output, or a non-zero exit) means not installed.
  Installed = HKLM\SOFTWARE\mcp-warden\Version is at least the version this script was
  built for, and the executables it names are present. build.ps1 writes the version in
  place of __MCP_WARDEN_VERSION__ (a file version check would not work: a single
  executable carries node.exe's version resource).
#>
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Expected = [version]'__MCP_WARDEN_VERSION__'
$StateKey = 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\mcp-warden'

try {
  # The 64-bit registry view, whatever the bitness of this PowerShell.
  $hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)
  $key = $hklm.OpenSubKey('SOFTWARE\mcp-warden')
  if ($null -eq $key) { exit 1 }
  $installed = [string]$key.GetValue('Version')
  $dir = [string]$key.GetValue('InstallDir')
  if (-not $installed -or -not $dir) { exit 1 }
  if ([version]($installed -replace '[-+].*$', '') -lt $Expected) { exit 1 }
  foreach ($name in @('mcp-warden.exe', 'mcp-warden-agent.exe', 'keyring.node')) {
    if (-not (Test-Path -LiteralPath (Join-Path $dir $name))) { exit 1 }
  }
  Write-Output "mcp-warden $installed installed ($StateKey)"
  exit 0
} catch {
  exit 1
}
