/** Whole-file snippets: a wfastcgi site, an HttpPlatformHandler site, a static folder. VS Code snippet syntax. */
import type { MessageKey } from '../messages';

export interface Skeleton {
  label: string;
  detail: MessageKey;
  body: string;
}

const DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

export const SKELETONS: Skeleton[] = [
  {
    label: 'wfastcgi site',
    detail: 'skeleton.wfastcgi',
    body: `${DECL}<configuration>
  <system.webServer>
    <handlers>
      <!-- scriptProcessor: exactly what wfastcgi-enable printed (python.exe|wfastcgi.py of one environment). -->
      <add name="\${1:Python FastCGI}" path="*" verb="*" modules="FastCgiModule"
           scriptProcessor="\${2:C:\\\\Python311\\\\python.exe}|\${3:C:\\\\Python311\\\\Lib\\\\site-packages\\\\wfastcgi.py}"
           resourceType="Unspecified" requireAccess="Script" />
    </handlers>
  </system.webServer>
  <appSettings>
    <!-- The WSGI app: module.attribute; add () to call a factory (app.create_app()). -->
    <add key="WSGI_HANDLER" value="\${4:app.app}" />
    <!-- Folders appended to sys.path after the application folder, separated by ; -->
    <add key="PYTHONPATH" value="\${5:C:\\\\inetpub\\\\myapp}" />
    <add key="WSGI_RESTART_FILE_REGEX" value=".*((\\\\.py)|(\\\\.config))\\$" />
  </appSettings>
</configuration>
$0`,
  },
  {
    label: 'HttpPlatformHandler site (waitress)',
    detail: 'skeleton.httpPlatform',
    body: `${DECL}<configuration>
  <system.webServer>
    <handlers>
      <add name="\${1:PythonHandler}" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />
    </handlers>
    <!-- IIS starts this process and proxies to the port it passes in %HTTP_PLATFORM_PORT%. -->
    <httpPlatform processPath="\${2:C:\\\\inetpub\\\\myapp\\\\.venv\\\\Scripts\\\\python.exe}"
                  arguments="-m waitress --port=%HTTP_PLATFORM_PORT% \${3:app:app}"
                  stdoutLogEnabled="true" stdoutLogFile=".\\\\logs\\\\python.log" startupTimeLimit="60">
      <environmentVariables>
        <environmentVariable name="PYTHONUNBUFFERED" value="1" />
      </environmentVariables>
    </httpPlatform>
  </system.webServer>
</configuration>
$0`,
  },
  {
    label: 'static folder',
    detail: 'skeleton.static',
    body: `${DECL}<configuration>
  <system.webServer>
    <handlers>
      <!-- The exact name of the Python handler in the application's web.config. -->
      <remove name="\${1:Python FastCGI}" />
    </handlers>
  </system.webServer>
</configuration>
$0`,
  },
];
