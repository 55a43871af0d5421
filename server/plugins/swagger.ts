// Publishes the OpenAPI document generated from the TypeBox route schemas.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'

export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '医保账户参考服务 API', version: '1.0.0', description: '小程序服务层调用的 HTTP 接口。所有错误均为 {"error":{"code","message"}}。' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  })
}, { name: 'swagger' })
