import { render } from 'preact';
render(<p>Fedipost</p>, document.getElementById('app')!);
