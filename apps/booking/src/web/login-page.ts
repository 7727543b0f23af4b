import Handlebars from 'handlebars';

// The full pages come with the web issue; until then a plain, accessible sign-in page.
const page = Handlebars.compile(`<!doctype html>
<html lang="fi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{title}} – Kotoportti</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
    label { display: block; margin-top: 1rem; font-weight: 600; }
    input { width: 100%; padding: .5rem; font-size: 1rem; border: 1px solid #555; border-radius: 4px; }
    button { margin-top: 1.5rem; padding: .6rem 1.2rem; font-size: 1rem; background: #004c99; color: #fff; border: 0; border-radius: 4px; }
    :focus-visible { outline: 3px solid #e07000; outline-offset: 2px; }
    .error { color: #a00000; font-weight: 600; }
  </style>
</head>
<body>
  <main>
    <h1>Kotoportti</h1>
    {{#if user}}
      <p>Kirjautunut: {{user.displayName}} ({{user.role}})</p>
      <form method="post" action="/logout">
        <input type="hidden" name="_csrf" value="{{csrfToken}}">
        <button type="submit">Kirjaudu ulos</button>
      </form>
    {{else}}
      <h2>Kirjaudu sisään</h2>
      {{#if error}}<p class="error" role="alert" id="login-error">{{error}}</p>{{/if}}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value="{{csrfToken}}">
        <label for="username">Käyttäjätunnus</label>
        <input id="username" name="username" autocomplete="username" value="{{username}}" required {{#if error}}aria-describedby="login-error"{{/if}}>
        <label for="password">Salasana</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Kirjaudu</button>
      </form>
    {{/if}}
  </main>
</body>
</html>`);

export interface LoginPageModel {
  title: string;
  csrfToken: string;
  user?: { displayName: string; role: string };
  error?: string;
  username?: string;
}

export function renderLoginPage(model: LoginPageModel): string {
  return page(model);
}
