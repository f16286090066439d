# CI (the iis job): applicationHost.config after `unregister` must equal, byte for byte, the copy taken before
# `register`. On a difference the two are shown as a diff.
param([Parameter(Mandatory)][string]$Before, [Parameter(Mandatory)][string]$After)
$a = [System.IO.File]::ReadAllBytes($Before)
$b = [System.IO.File]::ReadAllBytes($After)
if ($a.Length -eq $b.Length -and [System.Linq.Enumerable]::SequenceEqual($a, $b)) {
  Write-Host "applicationHost.config is byte for byte what it was before register ($($a.Length) bytes)"
  exit 0
}
Write-Host "applicationHost.config differs from the copy taken before register ($($a.Length) -> $($b.Length) bytes):"
git diff --no-index --text -- $Before $After
exit 1
