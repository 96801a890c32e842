// koa2 is an npm alias of koa@2, whose types are @types/koa.
declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}

// express4 is an npm alias of express@4; @types/express describes both majors closely enough here.
declare module 'express4' {
  import express from 'express';
  export default express;
}
