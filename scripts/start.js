#!/usr/bin/env node
/**
 * `npm start`: how to run the add-in. We ship no development certificate (an add-in page must be
 * served over trusted https, and that trust belongs to the machine's owner), so this prints the
 * steps: build, serve (npm run serve, with a certificate the machine trusts), sideload.
 */
"use strict";

console.log(`指标分解校核 · Target Decomposition Check — running the add-in

1. Build the pages:           npm run build            (or npm run build:intranet: Office.js served
                                                        from dist/office-js/ instead of Microsoft's CDN)
2. Serve dist/ over https at https://localhost:3000/ (the manifest's URLs point there):
     npx office-addin-dev-certs install   (once: a localhost certificate this machine trusts)
     npm run serve                        (or: npm run serve -- --cert FILE.crt --key FILE.key)
   Any static https server will do; change the host in manifest.xml to deploy elsewhere.
3. Sideload manifest.xml in Excel:
   - Excel on the web / Microsoft 365: Home › Add-ins › More add-ins › My Add-ins › Upload My Add-in
   - Excel on Windows: put manifest.xml in a shared-folder catalog (Trust Center › Trusted Add-in Catalogs)
   - Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
4. On the Home tab choose 校核面板 / Check Pane.

Without Excel: npm run demo (command line on the bundled sample).
Check the manifest offline: npm run validate.`);
