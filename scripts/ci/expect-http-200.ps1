# CI (the iis job): waits for an IIS site to answer HTTP 200. The first request starts the Python process (wfastcgi
# or HttpPlatformHandler), so a few tries are allowed; on failure the last response and the logs are printed.
param([Parameter(Mandatory)][string]$Url, [int]$Tries = 20)
$last = $null
for ($i = 1; $i -le $Tries; $i++) {
  try {
    $r = Invoke-WebRequest -Uri $Url -UseBasicParsing -TimeoutSec 60
    if ($r.StatusCode -eq 200) {
      Write-Host "HTTP 200 from $Url after $i request(s): $($r.Content)"
      exit 0
    }
    $last = "HTTP $($r.StatusCode)"
  } catch {
    $last = $_.Exception.Message
    if ($_.Exception.Response) { $last = "HTTP $([int]$_.Exception.Response.StatusCode): $last" }
  }
  Start-Sleep -Seconds 3
}
Write-Host "No HTTP 200 from $Url after $Tries requests; last: $last"
Get-ChildItem 'C:\inetpub\logs\LogFiles' -Recurse -File -ErrorAction SilentlyContinue | Select-Object -Last 1 | Get-Content -Tail 20
Get-WinEvent -LogName Application -MaxEvents 20 -ErrorAction SilentlyContinue | Format-List TimeCreated, ProviderName, Message
exit 1
