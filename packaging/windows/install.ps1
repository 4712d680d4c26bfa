#Requires -Version 5.1
<#
.SYNOPSIS
  Installs mcp-warden as an Intune Win32 app (install behavior: System).

.DESCRIPTION
  Intune runs: powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\install.ps1
  from the unpacked .intunewin content, which holds (see build.ps1):
    mcp-warden.exe          the single executable, console subsystem: `exec`, `headers`,
                            admin commands, the SYSTEM task
    mcp-warden-agent.exe    the same program with the GUI subsystem: the logon task, so
                            no console window appears at logon
    keyring.node, better_sqlite3.node   native sidecars, loaded only from the install folder
    version.txt             the version, for detection
    config\                 optional: agent.yaml / agent.json, keys, the allowlist
                            envelope, copied to C:\ProgramData\mcp-warden\
  It installs to C:\Program Files\mcp-warden, registers
    \mcp-warden\Agent         at logon of every user (Users group), limited rights,
                              hidden, no time limit, restarted on failure;
    \mcp-warden\SystemApply   as SYSTEM at startup and every 15 minutes:
                              `mcp-warden system apply`;
  and writes the installed version to HKLM\SOFTWARE\mcp-warden last (detect.ps1 reads it).
  Exit codes: 0 success; 1 failure (details in C:\ProgramData\mcp-warden\logs\install.log
  and the Intune Management Extension log).
#>
[CmdletBinding()]
param()

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Intune's agent may start a 32-bit PowerShell; HKLM\SOFTWARE and Program Files would then
# be the 32-bit views. Start again as 64-bit.
if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
  $ps64 = Join-Path $env:WINDIR 'sysnative\WindowsPowerShell\v1.0\powershell.exe'
  & $ps64 -NoProfile -ExecutionPolicy Bypass -File $PSCommandPath
  exit $LASTEXITCODE
}

$Source = $PSScriptRoot
$InstallDir = Join-Path $env:ProgramFiles 'mcp-warden'
$DataDir = Join-Path $env:ProgramData 'mcp-warden'
$LogDir = Join-Path $DataDir 'logs'
$StateKey = 'HKLM:\SOFTWARE\mcp-warden'
$UninstallKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\mcp-warden'
$TaskPath = '\mcp-warden\'
$Payload = @('mcp-warden.exe', 'mcp-warden-agent.exe', 'keyring.node', 'better_sqlite3.node', 'THIRD-PARTY-NOTICES.txt', 'uninstall.ps1')
# Well-known SIDs, so the script works on every display language.
$SidSystem = 'S-1-5-18'
$SidAdministrators = 'S-1-5-32-544'
$SidUsers = 'S-1-5-32-545'

New-Item -ItemType Directory -Force -Path $LogDir | Out-Null
Start-Transcript -Path (Join-Path $LogDir 'install.log') -Append | Out-Null
try {
  $Version = (Get-Content -Raw -Path (Join-Path $Source 'version.txt')).Trim()
  if ($Version -notmatch '^\d+\.\d+\.\d+') { throw "version.txt holds '$Version', not a version" }
  foreach ($name in $Payload) {
    if (-not (Test-Path -LiteralPath (Join-Path $Source $name))) { throw "the package is missing $name" }
  }
  Write-Output "Installing mcp-warden $Version into $InstallDir"

  # 1. Stop what runs from the old version: Windows locks a running executable.
  Get-ScheduledTask -TaskPath $TaskPath -ErrorAction SilentlyContinue | Stop-ScheduledTask -ErrorAction SilentlyContinue
  Get-Process -Name 'mcp-warden', 'mcp-warden-agent' -ErrorAction SilentlyContinue |
    Where-Object { $_.Path -and $_.Path.StartsWith($InstallDir, [StringComparison]::OrdinalIgnoreCase) } |
    Stop-Process -Force -ErrorAction SilentlyContinue
  Start-Sleep -Seconds 1

  # 2. Files. Program Files' inherited ACL lets users read and run, not write.
  New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
  foreach ($name in $Payload) {
    Copy-Item -LiteralPath (Join-Path $Source $name) -Destination (Join-Path $InstallDir $name) -Force
  }

  # 3. Machine data folder: administrators and SYSTEM write, users read (the agent config
  #    must not be user-writable). Optional config files from the package go there.
  New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
  & icacls.exe $DataDir /inheritance:r /grant:r "*${SidSystem}:(OI)(CI)F" "*${SidAdministrators}:(OI)(CI)F" "*${SidUsers}:(OI)(CI)RX" | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "icacls on $DataDir failed ($LASTEXITCODE)" }
  $ConfigSource = Join-Path $Source 'config'
  if (Test-Path -LiteralPath $ConfigSource) {
    Get-ChildItem -LiteralPath $ConfigSource -File | ForEach-Object {
      Copy-Item -LiteralPath $_.FullName -Destination (Join-Path $DataDir $_.Name) -Force
      Write-Output "Config file: $($_.Name)"
    }
  }

  # 4. The agent in every user's session: at logon, as the user, limited rights.
  $agentExe = Join-Path $InstallDir 'mcp-warden-agent.exe'
  $agentAction = New-ScheduledTaskAction -Execute $agentExe -Argument 'agent' -WorkingDirectory $InstallDir
  $agentTrigger = New-ScheduledTaskTrigger -AtLogOn
  $agentPrincipal = New-ScheduledTaskPrincipal -GroupId $SidUsers -RunLevel Limited
  # Parallel: one instance per logged-on user (the agent's own lock stops duplicates in a
  # session). No time limit (the default stops tasks after 72 hours); restart on failure.
  $agentSettings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) `
    -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) -MultipleInstances Parallel `
    -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable -Hidden
  Register-ScheduledTask -TaskPath $TaskPath -TaskName 'Agent' -Action $agentAction -Trigger $agentTrigger `
    -Principal $agentPrincipal -Settings $agentSettings -Description 'mcp-warden agent: keeps Claude Code MCP servers inside the signed allowlist.' -Force | Out-Null

  # 5. `system apply` as SYSTEM: at startup and every 15 minutes.
  $cliExe = Join-Path $InstallDir 'mcp-warden.exe'
  $applyAction = New-ScheduledTaskAction -Execute $cliExe -Argument 'system apply' -WorkingDirectory $InstallDir
  $applyTriggers = @(
    (New-ScheduledTaskTrigger -AtStartup),
    (New-ScheduledTaskTrigger -Once -At (Get-Date).AddMinutes(1) -RepetitionInterval (New-TimeSpan -Minutes 15))
  )
  $applyPrincipal = New-ScheduledTaskPrincipal -UserId $SidSystem -LogonType ServiceAccount -RunLevel Highest
  $applySettings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Minutes 10) `
    -MultipleInstances IgnoreNew -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable -Hidden
  Register-ScheduledTask -TaskPath $TaskPath -TaskName 'SystemApply' -Action $applyAction -Trigger $applyTriggers `
    -Principal $applyPrincipal -Settings $applySettings -Description 'mcp-warden: writes Claude Code managed settings from the signed allowlist.' -Force | Out-Null

  # 6. Apps & features entry (inventory; Intune itself uninstalls through uninstall.ps1).
  New-Item -Force -Path $UninstallKey | Out-Null
  $uninstallCommand = 'powershell.exe -NoProfile -ExecutionPolicy Bypass -File "' + (Join-Path $InstallDir 'uninstall.ps1') + '"'
  Set-ItemProperty -Path $UninstallKey -Name DisplayName -Value 'mcp-warden'
  Set-ItemProperty -Path $UninstallKey -Name DisplayVersion -Value $Version
  Set-ItemProperty -Path $UninstallKey -Name Publisher -Value 'mcp-warden'
  Set-ItemProperty -Path $UninstallKey -Name InstallLocation -Value $InstallDir
  Set-ItemProperty -Path $UninstallKey -Name DisplayIcon -Value $cliExe
  Set-ItemProperty -Path $UninstallKey -Name UninstallString -Value $uninstallCommand
  Set-ItemProperty -Path $UninstallKey -Name NoModify -Value 1 -Type DWord
  Set-ItemProperty -Path $UninstallKey -Name NoRepair -Value 1 -Type DWord

  # 7. Run now: system apply once, and the agent for users already logged on (otherwise it
  #    starts at their next logon).
  Start-ScheduledTask -TaskPath $TaskPath -TaskName 'SystemApply' -ErrorAction SilentlyContinue
  Start-ScheduledTask -TaskPath $TaskPath -TaskName 'Agent' -ErrorAction SilentlyContinue

  # 8. Last: the version detect.ps1 compares. Written only when everything above worked.
  New-Item -Force -Path $StateKey | Out-Null
  Set-ItemProperty -Path $StateKey -Name InstallDir -Value $InstallDir
  Set-ItemProperty -Path $StateKey -Name Version -Value $Version
  Write-Output "mcp-warden $Version installed"
  $exitCode = 0
} catch {
  Write-Output "mcp-warden install failed: $($_.Exception.Message)"
  $exitCode = 1
} finally {
  Stop-Transcript | Out-Null
}
exit $exitCode
